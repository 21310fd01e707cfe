using MinimalHub;

// dotnet MinimalHub.dll --urls http://127.0.0.1:5001 --Redis:Configuration 127.0.0.1:6380
// Content root next to the binaries, as ChatServer's: appsettings.json (Warning logging) applies from any directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var redis = builder.Configuration["Redis:Configuration"]
    ?? throw new InvalidOperationException("Redis:Configuration is required (the backplane is what this peer measures).");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MessageIds>();
builder.Services.AddSignalR().AddStackExchangeRedis(redis);

var app = builder.Build();
// /health/ready answers like ChatServer's, so bench/peer.sh waits for every target the same way.
app.MapGet("/health/ready", () => "ready");
app.MapHub<MinimalChatHub>("/hubs/chat");
app.Run();
