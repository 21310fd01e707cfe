using ChatServer.Chat;

namespace ChatServer.Tests.Unit;

public sealed class RoomNamesTests
{
    [Theory]
    [InlineData("general")]
    [InlineData("0")]
    [InlineData("a-b_c9")]
    [InlineData("dm:alice:bob")]
    [InlineData("dm:a.b:c-d")]
    public void Valid_rooms_are_accepted(string room) => Assert.Equal(room, RoomNames.Validate(room));

    [Theory]
    [InlineData("General")]
    [InlineData("-general")]
    [InlineData("_x")]
    [InlineData("has space")]
    [InlineData("dm:bob:alice")]
    [InlineData("dm:alice:alice")]
    [InlineData("dm:Alice:bob")]
    [InlineData("dm:alice")]
    [InlineData("dm:alice:bob:carol")]
    [InlineData("room/../etc")]
    [InlineData("general\n")]
    [InlineData("dm:alice:bob\n")]
    public void Invalid_rooms_are_rejected_with_the_rule(string room)
    {
        var error = Assert.Throws<ChatException>(() => RoomNames.Validate(room));
        Assert.Equal(ChatErrorKind.Invalid, error.Kind);
        Assert.Contains(room, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Room_names_are_capped_at_64_characters()
    {
        Assert.Equal(64, RoomNames.Validate(new string('r', 64)).Length);
        Assert.Throws<ChatException>(() => RoomNames.Validate(new string('r', 65)));
        Assert.Equal("Room name is required", Assert.Throws<ChatException>(() => RoomNames.Validate(null)).Message);
    }

    [Fact]
    public void A_long_bad_name_is_echoed_shortened()
    {
        var error = Assert.Throws<ChatException>(() => RoomNames.Validate(new string('X', 5000)));

        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void A_direct_room_is_the_same_whoever_opens_it()
    {
        Assert.Equal("dm:alice:bob", RoomNames.Direct("Bob", "ALICE"));
        Assert.Equal("dm:alice:bob", RoomNames.Direct("alice", "bob"));
        Assert.Equal("dm:a-b:a_b", RoomNames.Direct("a_b", "a-b"));
    }

    [Theory]
    [InlineData("dm:alice:bob", "alice", "bob")]
    [InlineData("dm:alice:bob", "BOB", "alice")]
    [InlineData("dm:a.b:c-d", "c-d", "a.b")]
    public void The_other_member_of_a_direct_room_is_named_by_the_room(string room, string user, string other) =>
        Assert.Equal(other, RoomNames.Other(room, user));

    [Theory]
    [InlineData("dm:alice:bob", "alice", true)]
    [InlineData("dm:alice:bob", "BOB", true)]
    [InlineData("dm:alice:bob", "carol", false)]
    [InlineData("dm:alice:bob", "ali", false)]
    [InlineData("general", "carol", true)]
    public void Only_the_two_users_may_use_a_direct_room(string room, string user, bool allowed)
    {
        Assert.Equal(allowed, RoomNames.CanAccess(room, user));
        if (!allowed)
        {
            Assert.Equal("Not a member of this direct room", Assert.Throws<ChatException>(() => RoomNames.EnsureAccess(room, user)).Message);
        }
    }
}
