using ChatServer.Auth;

namespace ChatServer.Tests.Unit;

/// <summary>The rules every instance applies to the signing-key ring, whatever order instances and stores meet in.</summary>
public sealed class KeyRingPolicyTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyRingPolicy _policy = new(Rotation, Grace, Skew);

    [Fact]
    public void An_empty_store_and_an_instance_that_holds_nothing_make_the_first_key()
    {
        var plan = _policy.Plan([], [], Now);

        Assert.NotNull(plan.Created);
        Assert.Same(plan.Created, plan.Ring.Current);
        Assert.Equal([plan.Created], plan.ToWrite);
        Assert.Empty(plan.Reseeded);
    }

    [Fact]
    public void An_instance_holding_keys_the_store_lost_writes_them_back_instead_of_making_a_new_one()
    {
        var held = Key(Now.AddDays(-2));

        var plan = _policy.Plan([], [held], Now);

        Assert.Null(plan.Created);
        Assert.Equal([held], plan.Reseeded);
        Assert.Same(held, plan.Ring.Current);
    }

    [Fact]
    public void Keys_another_instance_stored_are_learned_and_the_newest_signs_on_every_instance()
    {
        var mine = Key(Now.AddMinutes(-10));
        var theirs = Key(Now.AddMinutes(-1));   // made by a new instance after the store was flushed

        var onMine = _policy.Plan([theirs], [mine], Now);
        var onTheirs = _policy.Plan([theirs, mine], [theirs], Now);

        Assert.Equal([mine], onMine.Reseeded);
        Assert.Equal(theirs.Id, onMine.Ring.Current!.Id);
        Assert.Equal(theirs.Id, onTheirs.Ring.Current!.Id);
        Assert.Equal(onMine.Ring.Keys.Select(k => k.Id), onTheirs.Ring.Keys.Select(k => k.Id));
    }

    [Fact]
    public void Two_keys_made_at_the_same_moment_are_ordered_the_same_way_everywhere()
    {
        var (one, two) = (Key(Now), Key(Now));

        var a = _policy.Plan([one, two], [], Now);
        var b = _policy.Plan([two], [one], Now);

        Assert.Equal(a.Ring.Current!.Id, b.Ring.Current!.Id);
    }

    [Fact]
    public void The_newest_key_is_rotated_after_the_rotation_period_and_the_old_one_keeps_validating()
    {
        var old = Key(Now - Rotation);

        var plan = _policy.Plan([old], [old], Now);

        Assert.NotNull(plan.Created);
        Assert.Same(plan.Created, plan.Ring.Current);
        Assert.NotNull(plan.Ring.Find(old.Id));
        Assert.Empty(plan.Retired);
        Assert.Null(_policy.Plan([old, plan.Created], [], Now + Grace - TimeSpan.FromSeconds(1)).Created);
    }

    [Fact]
    public void A_replaced_key_is_retired_once_its_successor_is_older_than_the_grace_period_and_is_not_written_back()
    {
        var old = Key(Now.AddDays(-40));
        var successor = Key(Now - Grace);

        var inStore = _policy.Plan([old, successor], [], Now);
        var heldOnly = _policy.Plan([successor], [old, successor], Now);
        var stillInGrace = _policy.Plan([old, successor], [], Now - TimeSpan.FromSeconds(1));

        Assert.Equal([old], inStore.Retired);
        Assert.Null(inStore.Ring.Find(old.Id));
        Assert.Empty(heldOnly.Reseeded);
        Assert.Null(heldOnly.Ring.Find(old.Id));
        Assert.NotNull(stillInGrace.Ring.Find(old.Id));
    }

    [Fact]
    public void An_instance_whose_clock_runs_behind_does_not_write_back_a_key_another_one_just_retired()
    {
        var old = Key(Now.AddDays(-40));
        var successor = Key(Now - Grace + Skew - TimeSpan.FromSeconds(1));   // on this clock, retired in under the skew

        var plan = _policy.Plan([successor], [old, successor], Now);

        Assert.Empty(plan.Reseeded);
        Assert.NotNull(plan.Ring.Find(old.Id));   // it still validates here until its grace period ends on this clock
    }

    [Fact]
    public void The_stores_copy_wins_for_an_id_both_have()
    {
        var stored = Key(Now.AddDays(-1));
        var held = new SigningKey(stored.Id, new byte[SigningKey.MaterialBytes], stored.CreatedAt);

        var plan = _policy.Plan([stored], [held], Now);

        Assert.Same(stored.SecurityKey, plan.Ring.Find(stored.Id));
        Assert.Empty(plan.ToWrite);
    }

    private static SigningKey Key(DateTimeOffset createdAt) => SigningKey.Create(createdAt);
}
