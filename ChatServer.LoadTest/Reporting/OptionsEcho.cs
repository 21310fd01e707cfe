namespace ChatServer.LoadTest.Reporting;

/// <summary>The options of a run as the JSON result records them (durations in seconds).</summary>
internal sealed record OptionsEcho(
    string Url,
    int Clients,
    int Users,
    int Rooms,
    double Rate,
    double DurationSeconds,
    double WarmupSeconds,
    double DrainSeconds,
    int MessageSize,
    double Ramp,
    int SourceIps,
    bool FinalBroadcast,
    string Client)
{
    public static OptionsEcho From(LoadTestOptions o) => new(
        o.Url.ToString(), o.Clients, o.EffectiveUsers, o.Rooms, o.Rate, o.Duration.TotalSeconds, o.Warmup.TotalSeconds,
        o.Drain.TotalSeconds, o.MessageSize, o.Ramp, o.SourceIps, o.FinalBroadcast, o.RawClient ? "raw" : "hub");
}
