using ChatServer.Client;

namespace ChatServer.Tests.Infrastructure;

/// <summary>A registered, logged-in user who can open any number of connections ("tabs").</summary>
internal sealed class TestUser(ChatApplication app, string name, string accessToken)
{
    public string Name { get; } = name;

    public string AccessToken { get; } = accessToken;

    /// <summary>Opens a started connection with every hub event recorded.</summary>
    public async Task<RecordedConnection> ConnectAsync()
    {
        var hub = app.CreateHubConnection(AccessToken, app.ClientProtocol);
        var recorded = new RecordedConnection(hub);
        await hub.StartAsync();
        return recorded;
    }

    /// <summary>Opens a connection and joins <paramref name="room"/> with it.</summary>
    public async Task<RecordedConnection> JoinAsync(string room)
    {
        var tab = await ConnectAsync();
        await tab.Hub.JoinRoomAsync(room);
        return tab;
    }
}
