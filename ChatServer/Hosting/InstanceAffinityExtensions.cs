namespace ChatServer.Hosting;

public static class InstanceAffinityExtensions
{
    /// <summary>Sets the <c>chat_instance</c> cookie nginx routes hub requests by; call before <c>MapChatHub</c>.</summary>
    public static IApplicationBuilder UseInstanceAffinity(this IApplicationBuilder app) =>
        app.UseMiddleware<InstanceAffinityMiddleware>();
}
