using System.ComponentModel.DataAnnotations;

namespace ChatServer.Jobs.Export;

/// <summary>Room exports (section <c>Jobs:Export</c>).</summary>
public sealed class RoomExportOptions
{
    public const string SectionName = "Jobs:Export";

    /// <summary>Messages read from the store per round trip.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// The most pages an export reads per second, so a big export cannot crowd out live chat on a shared Redis;
    /// 0: as fast as the store answers.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxPagesPerSecond { get; set; }
}
