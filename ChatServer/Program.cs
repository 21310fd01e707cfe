using ChatServer.Api;
using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Hosting;
using ChatServer.Hubs;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Next to the binaries, whatever the working directory: appsettings.json (logging levels, limits) is read from
    // there, so the server behaves the same when started from the repository root, a service manager or a container.
    ContentRootPath = AppContext.BaseDirectory,
    // The build links the repository's top-level wwwroot next to the binaries (nginx serves the same folder).
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

var instanceId = builder.Configuration.GetSection(ChatOptions.SectionName).Get<ChatOptions>()?.ResolveInstanceId()
    ?? new ChatOptions().ResolveInstanceId();
var redisMode = builder.Configuration.IsRedisConfigured();
var mode = redisMode ? ServerInfo.RedisMode : ServerInfo.MemoryMode;

builder.Services.AddChatSerilog(builder.Configuration, instanceId);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
    kestrel.AddServerHeader = false;
});

builder.Services.AddChatCore(mode);
if (redisMode)
{
    builder.Services.AddChatRedis();
}
else
{
    builder.Services.AddChatInMemoryStores();
}

builder.Services.AddChatAuthentication();
builder.Services.AddChatSignalR();
builder.Services.AddChatProblemDetails();
builder.Services.AddHealthChecks();
builder.Services.AddChatOpenApi();
builder.Services.AddChatMetrics(builder.Configuration, instanceId);

var app = builder.Build();

// Options are validated here, before MapHub builds the hub's services (its lifetime manager reaches the stores), so a
// bad setting stops start-up with the validation message rather than deep inside a resolution.
app.Services.GetRequiredService<IStartupValidator>().Validate();

app.UseChatRequestLogging();
app.UseChatSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseInstanceAffinity();
app.UseDrainAdmission();

app.MapAuthEndpoints();
app.MapRoomEndpoints();
app.MapServerEndpoints();
app.MapChatHealthChecks();
// Stateful reconnect: a client whose network drops for a moment gets its connection back with nothing lost. A
// connection ends when its access token expires; the clients reconnect with a fresh one.
app.MapHub<ChatHub>(ChatHub.Path, hub =>
{
    hub.AllowStatefulReconnects = true;
    hub.CloseOnAuthenticationExpiration = true;
});
app.MapChatApiDocs();
app.MapChatMetrics();

HostingLog.Starting(app.Logger, instanceId, mode);
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
