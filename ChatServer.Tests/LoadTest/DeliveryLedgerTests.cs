using ChatServer.LoadTest.Accounting;

namespace ChatServer.Tests.LoadTest;

public sealed class DeliveryLedgerTests
{
    private static MessageKey Id(long ms, long seq) => new(ms, seq);

    [Fact]
    public void Every_member_receiving_every_acked_message_is_nothing_lost()
    {
        var ledger = new DeliveryLedger();
        var receivers = new[] { new ReceiverLog("a"), new ReceiverLog("a"), new ReceiverLog("a") };
        foreach (var receiver in receivers)
        {
            ledger.AddMember("a");
        }

        for (var seq = 0; seq < 5; seq++)
        {
            ledger.RecordAck("a", Id(100, seq));
            foreach (var receiver in receivers)
            {
                Assert.Equal(DeliveryKind.InOrder, ledger.RecordDelivery(receiver, Id(100, seq)));
            }
        }

        var totals = ledger.Totals();
        Assert.Equal(15, totals.Expected);
        Assert.Equal(15, totals.Delivered);
        Assert.Equal(15, totals.UniqueDelivered);
        Assert.Equal(0, totals.Lost);
        Assert.Equal(0, totals.Duplicates);
        Assert.Equal(0, totals.OutOfOrder);
        Assert.Equal(0, totals.Unexpected);
    }

    [Fact]
    public void A_receiver_that_misses_a_message_counts_one_loss()
    {
        var ledger = new DeliveryLedger();
        var alice = new ReceiverLog("a");
        var bob = new ReceiverLog("a");
        ledger.AddMember("a");
        ledger.AddMember("a");
        ledger.RecordAck("a", Id(1, 0));
        ledger.RecordAck("a", Id(1, 1));

        ledger.RecordDelivery(alice, Id(1, 0));
        ledger.RecordDelivery(alice, Id(1, 1));
        ledger.RecordDelivery(bob, Id(1, 1));

        var totals = ledger.Totals();
        Assert.Equal(4, totals.Expected);
        Assert.Equal(3, totals.UniqueDelivered);
        Assert.Equal(1, totals.Lost);
        Assert.Equal(1, ledger.Outstanding());
    }

    [Fact]
    public void The_same_id_twice_at_one_receiver_is_a_duplicate_and_does_not_hide_a_loss()
    {
        var ledger = new DeliveryLedger();
        var alice = new ReceiverLog("a");
        ledger.AddMember("a");
        ledger.AddMember("a");
        ledger.RecordAck("a", Id(1, 0));

        Assert.Equal(DeliveryKind.InOrder, ledger.RecordDelivery(alice, Id(1, 0)));
        Assert.Equal(DeliveryKind.Duplicate, ledger.RecordDelivery(alice, Id(1, 0)));

        var totals = ledger.Totals();
        Assert.Equal(1, totals.Duplicates);
        Assert.Equal(2, totals.Delivered);
        Assert.Equal(1, totals.UniqueDelivered);
        Assert.Equal(1, totals.Lost);
    }

    [Fact]
    public void An_older_id_after_a_newer_one_is_out_of_order_per_room()
    {
        var ledger = new DeliveryLedger();
        var inA = new ReceiverLog("a");
        var inB = new ReceiverLog("b");
        ledger.AddMember("a");
        ledger.AddMember("b");

        ledger.RecordDelivery(inA, Id(2, 0));
        Assert.Equal(DeliveryKind.OutOfOrder, ledger.RecordDelivery(inA, Id(1, 9)));
        Assert.Equal(DeliveryKind.InOrder, ledger.RecordDelivery(inA, Id(2, 1)));

        // Ids are per room: a lower id in another room is not disorder.
        Assert.Equal(DeliveryKind.InOrder, ledger.RecordDelivery(inB, Id(1, 0)));

        var totals = ledger.Totals();
        Assert.Equal(1, totals.OutOfOrder);
        Assert.Equal(1, totals.OutOfOrderByRoom["a"]);
        Assert.False(totals.OutOfOrderByRoom.ContainsKey("b"));
    }

    [Fact]
    public void Equal_ids_in_different_rooms_are_different_messages()
    {
        var ledger = new DeliveryLedger();
        var inA = new ReceiverLog("a");
        var inB = new ReceiverLog("b");
        ledger.AddMember("a");
        ledger.AddMember("b");
        ledger.RecordAck("a", Id(5, 0));
        ledger.RecordAck("b", Id(5, 0));

        ledger.RecordDelivery(inA, Id(5, 0));

        var totals = ledger.Totals();
        Assert.Equal(2, ledger.Acked);
        Assert.Equal(2, totals.Expected);
        Assert.Equal(1, totals.Lost);
    }

    [Fact]
    public void Deliveries_of_unacknowledged_sends_are_reported_apart()
    {
        var ledger = new DeliveryLedger();
        var alice = new ReceiverLog("a");
        ledger.AddMember("a");

        ledger.RecordDelivery(alice, Id(9, 0));

        var totals = ledger.Totals();
        Assert.Equal(0, totals.Expected);
        Assert.Equal(0, totals.Lost);
        Assert.Equal(1, totals.Unexpected);
    }

    [Theory]
    [InlineData("1700000000000-0", 1700000000000, 0)]
    [InlineData("5-12", 5, 12)]
    public void Message_ids_parse_into_numbers(string id, long ms, long seq)
    {
        Assert.True(MessageKey.TryParse(id, out var key));
        Assert.Equal(new MessageKey(ms, seq), key);
        Assert.Equal(id, key.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("-1-2")]
    [InlineData("a-1")]
    [InlineData("1-")]
    public void Malformed_ids_do_not_parse(string? id) => Assert.False(MessageKey.TryParse(id, out _));

    [Fact]
    public void Ids_order_by_milliseconds_then_sequence()
    {
        Assert.True(new MessageKey(1, 99) < new MessageKey(2, 0));
        Assert.True(new MessageKey(2, 1) > new MessageKey(2, 0));
        Assert.True(new MessageKey(2, 0) <= new MessageKey(2, 0));
    }
}
