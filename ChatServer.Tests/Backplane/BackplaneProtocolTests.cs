using ChatServer.Backplane;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Tests.Backplane;

public sealed class BackplaneProtocolTests
{
    [Fact]
    public void An_invocation_is_laid_out_as_documented()
    {
        var bytes = BackplaneProtocol.WriteInvocation([new SerializedMessage("json", "{}"u8.ToArray())], ["c1"]);

        // version 1, one excluded id "c1", one protocol "json" with the 2-byte block "{}".
        Assert.Equal(new byte[] { 1, 1, 2, (byte)'c', (byte)'1', 1, 4, (byte)'j', (byte)'s', (byte)'o', (byte)'n', 2, (byte)'{', (byte)'}' }, bytes);
    }

    [Fact]
    public void Invocations_round_trip_with_every_protocol_and_exclusion()
    {
        var large = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var messages = new[] { new SerializedMessage("json", "{\"type\":1}\u001e"u8.ToArray()), new SerializedMessage("messagepack", large) };
        string[] excluded = ["connection-a", "connection-ü"];

        var read = BackplaneProtocol.ReadInvocation(BackplaneProtocol.WriteInvocation(messages, excluded));

        Assert.Equal(excluded, read.ExcludedConnectionIds);
        Assert.Equal(["json", "messagepack"], read.Messages.Select(m => m.ProtocolName));
        Assert.Equal(messages[0].Serialized.ToArray(), read.Messages[0].Serialized.ToArray());
        Assert.Equal(large, read.Messages[1].Serialized.ToArray());
        Assert.Equal(messages[0].Serialized.ToArray(), read.ToHubMessage().GetSerializedMessage(new JsonHubProtocol()).ToArray());
    }

    [Fact]
    public void An_invocation_without_exclusions_has_an_empty_list()
    {
        var read = BackplaneProtocol.ReadInvocation(BackplaneProtocol.WriteInvocation([new SerializedMessage("json", "x"u8.ToArray())], null));

        Assert.Empty(read.ExcludedConnectionIds);
    }

    [Fact]
    public void Group_commands_and_acks_round_trip()
    {
        var command = new GroupCommand(int.MaxValue, "chat-2", GroupAction.Remove, "room:dm:a:b", "conn-1");

        Assert.Equal(command, BackplaneProtocol.ReadGroupCommand(BackplaneProtocol.WriteGroupCommand(command)));
        Assert.Equal(-7, BackplaneProtocol.ReadAck(BackplaneProtocol.WriteAck(-7)));
        Assert.Equal(new byte[] { 1, 42, 0, 0, 0 }, BackplaneProtocol.WriteAck(42));
    }

    [Fact]
    public void Every_truncation_of_a_valid_payload_is_rejected_as_invalid_data()
    {
        var bytes = BackplaneProtocol.WriteInvocation([new SerializedMessage("json", "{\"a\":1}"u8.ToArray())], ["c1", "c2"]);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadInvocation(bytes.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Trailing_bytes_unknown_versions_and_actions_are_rejected()
    {
        var ack = BackplaneProtocol.WriteAck(1);
        var command = BackplaneProtocol.WriteGroupCommand(new GroupCommand(1, "s", GroupAction.Add, "g", "c"));
        command[7] = 9; // the action byte follows version (1), id (4) and the sender name "s" (length 1 + 1)

        Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadAck(ack.Append((byte)0).ToArray()));
        Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadAck(new byte[] { 2, 1, 0, 0, 0 }));
        Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadGroupCommand(command));
    }

    [Fact]
    public void A_huge_count_is_rejected_before_allocating()
    {
        // version 1, then an excluded-id count of 2^28 in a five-byte payload.
        byte[] bytes = [1, 0x80, 0x80, 0x80, 0x01];

        var error = Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadInvocation(bytes));

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_names_share_the_prefix_and_hub()
    {
        var channels = new BackplaneChannels("tenant-a", "ChatHub");

        Assert.Equal("tenant-a:ChatHub:all", channels.All);
        Assert.Equal("tenant-a:ChatHub:group:general", channels.Group("general"));
        Assert.Equal("tenant-a:ChatHub:connection:abc", channels.Connection("abc"));
        Assert.Equal("tenant-a:ChatHub:user:alice", channels.User("alice"));
        Assert.Equal("tenant-a:ChatHub:internal:ack:chat-1", channels.Ack("chat-1"));
        Assert.Equal("tenant-a:ChatHub:internal:groups", channels.GroupCommands);
        Assert.StartsWith("tenant-b:", new BackplaneChannels("tenant-b", "ChatHub").All, StringComparison.Ordinal);
    }
}
