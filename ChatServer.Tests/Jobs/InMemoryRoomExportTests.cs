using ChatServer.Chat;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Jobs;

/// <summary>The export suite in memory mode: the Channel queue, in-process results.</summary>
public sealed class InMemoryRoomExportTests : RoomExportSuite
{
    private protected override Dictionary<string, string?> ModeSettings() => [];

    private protected override async Task<IReadOnlyList<string>> SeedAsync(ChatApplication app, string room, string user, int count)
    {
        var store = app.Services.GetRequiredService<IMessageStore>();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await store.PostAsync(new NewMessage(room, user, Text(i), null), CancellationToken.None)).Message.Id);
        }

        return ids;
    }
}
