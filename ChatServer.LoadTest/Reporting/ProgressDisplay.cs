using System.Globalization;
using Spectre.Console;

namespace ChatServer.LoadTest.Reporting;

/// <summary>
/// Live progress while a run goes: a refreshing table on a terminal, one plain line every few seconds when the
/// output is redirected (CI logs, bench scripts).
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, RunMetrics metrics, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var run = work();
        if (console.Profile.Capabilities.Interactive)
        {
            var table = new Table().AddColumn("phase").AddColumn("connected").AddColumn("sent").AddColumn("acked")
                .AddColumn("delivered").AddColumn("dup / out of order").AddColumn("p99 ms").AddColumn("errors");
            await console.Live(table).StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    table.Rows.Clear();
                    table.AddRow(Line(metrics).Select(Markup.Escape).ToArray());
                    context.Refresh();
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
                }
            });
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
                console.WriteLine(string.Join("  ", Line(metrics)));
            }
        }

        return await run;
    }

    private static IEnumerable<string> Line(RunMetrics m)
    {
        yield return m.Phase;
        yield return $"{m.Connected}/{m.ConnectAttempts}";
        yield return "sent " + m.Sent.ToString(CultureInfo.InvariantCulture);
        yield return "acked " + m.Ledger.Acked.ToString(CultureInfo.InvariantCulture);
        yield return "delivered " + m.Ledger.Delivered.ToString(CultureInfo.InvariantCulture);
        yield return "dup " + m.Ledger.Duplicates.ToString(CultureInfo.InvariantCulture) + " ooo " + m.Ledger.OutOfOrder.ToString(CultureInfo.InvariantCulture);
        yield return "p99 " + (m.Latency.ValueAtPercentile(99) / 1000.0).ToString("0.#", CultureInfo.InvariantCulture);
        yield return "errors " + (m.SendErrors.Total + m.ConnectErrors.Total).ToString(CultureInfo.InvariantCulture);
    }
}
