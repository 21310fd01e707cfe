namespace ChatServer.Tests.Browser;

/// <summary>
/// The in-memory server with jobs set up so a browser can watch every end of an export: one attempt only (a failure
/// is final at once), results capped at 1 KiB (the smallest cap allowed, so a room with one long message fails for
/// real), and exports read one message per page at one page a second (a dozen messages keep a job running long
/// enough to cancel it).
/// </summary>
public sealed class PacedJobsFixture : KestrelFixture
{
    public const int MaxResultBytes = 1024;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Jobs:MaxAttempts"] = "1",
        ["Jobs:MaxResultBytes"] = MaxResultBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:Export:PageSize"] = "1",
        ["Jobs:Export:MaxPagesPerSecond"] = "1",
    };
}
