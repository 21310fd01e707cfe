using ChatServer.Client;
namespace ChatServer.LoadTest;

/// <summary>One run's settings, as parsed from the command line (and echoed into the JSON result).</summary>
internal sealed record LoadTestOptions
{
    public required Uri Url { get; init; }

    public int Clients { get; init; } = 100;

    /// <summary>Distinct accounts; clients share them round-robin. Logging in costs the server a password hash each.</summary>
    public int Users { get; init; }

    public int Rooms { get; init; } = 10;

    /// <summary>Messages per second, all clients together; 0 sends nothing (idle connections).</summary>
    public double Rate { get; init; } = 100;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After sending stops, how long to wait for outstanding acks and deliveries before counting losses.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public int MessageSize { get; init; } = 100;

    /// <summary>New connections per second; 0 for as fast as <see cref="ConnectConcurrency"/> allows.</summary>
    public double Ramp { get; init; }

    public int ConnectConcurrency { get; init; } = 64;

    public int LoginConcurrency { get; init; } = 8;

    /// <summary>When set, sessions come in bulk from the server's provisioning endpoint instead of a register and login each.</summary>
    public string? ProvisionKey { get; init; }

    /// <summary>Spread client sockets over 127.0.0.1 … 127.0.0.N; 0 lets the OS choose (one address).</summary>
    public int SourceIps { get; init; }

    /// <summary>Sends awaiting their ack beyond which the pacer skips a send (counted as error "backlog").</summary>
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary>After the measurement, one message to every room must reach every member (checks idle connections).</summary>
    public bool FinalBroadcast { get; init; }

    /// <summary>Local server processes whose CPU time the run reports for the measurement window (same-machine runs).</summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    /// <summary>
    /// Instances whose <c>/metrics</c> to read before the first send and after the drain (each instance's own address:
    /// nginx does not expose it), for the servers' view of the run next to the clients'.
    /// </summary>
    public IReadOnlyList<Uri> ServerMetrics { get; init; } = [];

    /// <summary>Drive connections with <see cref="Clients.RawLoadClient"/> instead of ChatClient (cheaper per delivery).</summary>
    public bool RawClient { get; init; }

    /// <summary>The hub protocol of <see cref="Clients.LoadClient"/> connections (the raw client speaks JSON only).</summary>
    public ChatProtocol Protocol { get; init; } = ChatProtocol.Json;

    public string? JsonPath { get; init; }

    public string? ReportPath { get; init; }

    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];

    public int EffectiveUsers => Users <= 0 ? Clients : Math.Min(Users, Clients);

    public string RoomName(int index) => $"load-{RunId}-{index}";

    public string UserName(int index) => $"lt{RunId}_{index}";

    /// <summary>What is wrong with these options, in words for the command line; empty when they can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Clients < 1 || Rooms < 1 || Rooms > Clients)
        {
            errors.Add("--clients must be at least 1 and --rooms between 1 and --clients.");
        }

        if (MessageSize is < 1 or > 4000)
        {
            errors.Add("--message-size must be 1..4000.");
        }

        if (RawClient && Protocol != ChatProtocol.Json)
        {
            errors.Add("--client raw speaks JSON only: use --client hub for --protocol messagepack.");
        }

        if (SourceIps is < 0 or > 254)
        {
            errors.Add("--source-ips must be 0..254.");
        }

        if (Rate < 0 || Ramp < 0 || ConnectConcurrency < 1 || LoginConcurrency < 1 || MaxInFlight < 1)
        {
            errors.Add("--rate and --ramp must be >= 0; the concurrency limits >= 1.");
        }

        if (Url.Scheme is not ("http" or "https"))
        {
            errors.Add("--url must be an http:// or https:// address.");
        }

        if (ServerMetrics.Any(url => !url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add("--server-metrics takes each instance's http:// address (e.g. http://127.0.0.1:5001).");
        }

        return errors;
    }
}
