using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs.Export;

/// <summary>
/// <c>room-export</c>: a room's history as one file, read from the message store in pages of
/// <see cref="RoomExportOptions.PageSize"/> (never the whole room in memory), oldest first, up to the newest message
/// at the start (later ones belong to the next export). Access was checked when the export was requested.
/// </summary>
public sealed class RoomExportJob(IMessageStore messages, IOptions<RoomExportOptions> options, TimeProvider clock) : IJobHandler
{
    public const string KindName = "room-export";
    public const string RoomArgument = "room";
    public const string FormatArgument = "format";

    public string Kind => KindName;

    /// <summary>The job to queue for <paramref name="room"/> (validated) in <paramref name="format"/>.</summary>
    public static JobRequest Request(string room, ExportFormat format) =>
        new(KindName,
            new Dictionary<string, string>(StringComparer.Ordinal) { [RoomArgument] = room, [FormatArgument] = ExportFormats.Name(format) },
            ExportFormats.FileName(room, format),
            ExportFormats.ContentType(format));

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var room = context.Job.Arguments[RoomArgument];
        var format = ExportFormats.Parse(context.Job.Arguments[FormatArgument]);
        var total = await messages.CountAsync(room, cancellationToken);
        var newest = (await messages.GetBeforeAsync(room, null, 1, cancellationToken)).Messages is [var last] ? MessageId.Parse(last.Id) : (MessageId?)null;
        var pageDelay = options.Value.MaxPagesPerSecond > 0 ? TimeSpan.FromSeconds(1.0 / options.Value.MaxPagesPerSecond) : TimeSpan.Zero;

        await using var writer = ExportFormats.CreateWriter(format, context.Result, room);
        await writer.StartAsync(cancellationToken);
        var after = new MessageId(0, 0);
        long written = 0;
        while (newest is { } end && after < end)
        {
            var page = await messages.GetAfterAsync(room, after, options.Value.PageSize, cancellationToken);
            foreach (var message in page.Messages)
            {
                after = MessageId.Parse(message.Id);
                if (after > end) break;
                await writer.WriteAsync(message, cancellationToken);
                written++;
            }

            // The count was taken at the start; trimming or new messages may make it a little off, never past 1.
            await context.ReportProgressAsync(total == 0 ? 1 : Math.Min(1, (double)written / total), cancellationToken);
            if (!page.HasMore) break;
            if (pageDelay > TimeSpan.Zero) await Task.Delay(pageDelay, clock, cancellationToken);
        }

        await writer.EndAsync(cancellationToken);
    }
}
