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
// A worker-only process (--Jobs:Role=worker) runs background jobs and serves only health and metrics.
var workerOnly = builder.Configuration.IsWorkerOnly();

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
builder.Services.AddChatJobs(redisMode);

var app = builder.Build();

// Options are validated here, before MapChatHub builds the hub's services (its lifetime manager reaches the stores),
// so a bad setting stops start-up with the validation message rather than deep inside a resolution.
app.Services.GetRequiredService<IStartupValidator>().Validate();

// First: every later step (logging, limits, the hub) sees the client's address, forwarded by a trusted proxy only.
app.UseForwardedHeaders();
app.UseChatRequestLogging();
app.UseChatSecurityHeaders();
if (workerOnly)
{
    app.MapChatHealthChecks();
    app.MapChatMetrics();
    HostingLog.Starting(app.Logger, instanceId, mode + " worker-only");
    app.Run();
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseInstanceAffinity();
app.UseDrainAdmission();

app.MapAuthEndpoints();
app.MapProvisioningEndpoints();
app.MapRoomEndpoints();
app.MapJobEndpoints();
app.MapServerEndpoints();
app.MapChatHealthChecks();
// Stateful reconnect: a client whose network drops for a moment gets its connection back with nothing lost. A
// connection ends when its access token expires; the clients reconnect with a fresh one.
app.MapChatHub(hub =>
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
