using ChatServer.Delivery;
using ChatServer.Hubs;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hosting;

/// <summary>
/// Maps <see cref="ChatHub"/> as <c>MapHub</c> does (the hub's attributes and <see cref="HubMetadata"/> on the
/// endpoint), with one connection middleware in front of the hub: a connection the instance refused
/// (<see cref="ConnectionRefusedException"/>) ends normally. The client already has the reason; letting the exception
/// out would make the transport close with 1011 or, when the client closes first, be logged as a failed dispose.
/// </summary>
public static class ChatHubEndpoint
{
    public static IEndpointConventionBuilder MapChatHub(this IEndpointRouteBuilder endpoints, Action<HttpConnectionDispatcherOptions> configureOptions)
    {
        var options = new HttpConnectionDispatcherOptions();
        configureOptions(options);
        var endpoint = endpoints.MapConnections(ChatHub.Path, options, connection => connection.Use(EndRefusedNormally).UseHub<ChatHub>());
        var hubAttributes = typeof(ChatHub).GetCustomAttributes(inherit: true);
        endpoint.Add(builder =>
        {
            // [Authorize] among them: the endpoint is authorized exactly as MapHub would authorize it.
            foreach (var attribute in hubAttributes) builder.Metadata.Add(attribute);
            builder.Metadata.Add(new HubMetadata(typeof(ChatHub)));
        });
        return endpoint;
    }

    private static ConnectionDelegate EndRefusedNormally(ConnectionDelegate next) => async connection =>
    {
        try
        {
            await next(connection);
        }
        catch (ConnectionRefusedException)
        {
            // Logged and told to the client by ConnectionRefusals.
        }
    };
}
