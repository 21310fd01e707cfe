using ChatServer.Client;
using System.Net.WebSockets;
using System.Diagnostics;
using ChatServer.LoadTest.Clients;
using ChatServer.LoadTest.Metrics;
using ChatServer.LoadTest.Reporting;
using ChatServer.LoadTest.ServerMetrics;

namespace ChatServer.LoadTest;

/// <summary>
/// One run, phase by phase: log in users, open connections (at the ramp rate) and join rooms, send at the total
/// rate through warm-up and measurement, then drain until every expected delivery arrived or the drain time ran
/// out, and count.
/// </summary>
internal sealed class LoadRunner(LoadTestOptions options, RunMetrics metrics)
{
    private static readonly TimeSpan PacerTick = TimeSpan.FromMilliseconds(5);

    private readonly List<ILoadClient> _clients = [];

    public static RunMetrics CreateMetrics(LoadTestOptions options) =>
        new((int)(options.Warmup + options.Duration + options.Drain).TotalSeconds + 600);

    public async Task<LoadTestResult> RunAsync(CancellationToken cancellationToken)
    {
        using var sends = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var connector = options.SourceIps > 0 ? new SourceAddressConnector(options.SourceIps) : null;
        using var serverMetrics = options.ServerMetrics.Count > 0 ? new ServerMetricsReader(options.ServerMetrics) : null;
        try
        {
            metrics.Phase = "logging in";
            using var http = UserProvisioner.CreateHttpClient(options);
            var loginStarted = Stopwatch.GetTimestamp();
            var sessions = await UserProvisioner.LoginAllAsync(options, http, metrics, cancellationToken);
            metrics.LoginSeconds = Stopwatch.GetElapsedTime(loginStarted).TotalSeconds;

            metrics.Phase = "connecting";
            await ConnectAllAsync(sessions, connector, cancellationToken);
            var members = _clients.Where(c => c.InstanceId is not null).ToList();
            foreach (var client in members)
            {
                metrics.Ledger.AddMember(client.Room);
            }

            // The servers' counters from here to the end of the drain cover exactly the sends and deliveries of the run.
            var serversBefore = serverMetrics is null ? null : await serverMetrics.ReadAllAsync(cancellationToken);
            var sendWindow = await SendPhaseAsync(members, sends.Token, cancellationToken);

            metrics.Phase = "draining";
            await DrainAsync(sends, cancellationToken);
            var server = serverMetrics is null ? null : ServerView.Create(serversBefore!, await serverMetrics.ReadAllAsync(cancellationToken));

            var instances = members.GroupBy(c => c.InstanceId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return LoadTestResult.Create(options, metrics, instances, sendWindow, server);
        }
        finally
        {
            metrics.Phase = "closing";
            await StopAllAsync();
        }
    }

    private async Task ConnectAllAsync(UserSession?[] sessions, SourceAddressConnector? connector, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.ConnectConcurrency);
        var started = Stopwatch.GetTimestamp();
        var connects = new List<Task>(options.Clients);
        for (var i = 0; i < options.Clients; i++)
        {
            if (options.Ramp > 0)
            {
                // Pace by schedule, not by sleeping a fixed gap, so slow connects do not slow the ramp.
                var due = TimeSpan.FromSeconds(i / options.Ramp) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }

            await gate.WaitAsync(cancellationToken);
            metrics.ConnectAttempted();
            var session = sessions[i % sessions.Length];
            if (session is null)
            {
                metrics.ConnectFailed(new InvalidOperationException("user could not log in"));
                gate.Release();
                continue;
            }

            var room = options.RoomName(i % options.Rooms);
            var connect = connector?.For(i) ?? HubSocketAddress.ConnectAsync;
            Func<Uri, CancellationToken, Task<WebSocket>> counted = async (uri, ct) => new CountingWebSocket(await connect(uri, ct), metrics);
            ILoadClient client = options.RawClient
                ? new RawLoadClient(i, room, options.Url, session, counted, options.MessageSize, metrics)
                : new LoadClient(i, room, options.Url, session, counted, options.Protocol, options.MessageSize, metrics);
            _clients.Add(client);
            connects.Add(ConnectOneAsync(client, gate, cancellationToken));
        }

        await Task.WhenAll(connects);
    }

    private async Task ConnectOneAsync(ILoadClient client, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed connection is a result of the run, not an error of the tool.
            metrics.ConnectFailed(ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SendWindow> SendPhaseAsync(List<ILoadClient> senders, CancellationToken sendToken, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        metrics.OpenWindow(measureStart, measureEnd);
        var inFlight = new InFlightSends();
        var cpuBefore = TimeSpan.Zero;
        var serverCpuBefore = TimeSpan.Zero;
        var cpuMeasured = false;

        metrics.Phase = options.Warmup > TimeSpan.Zero ? "warm-up" : "measuring";
        using (var timer = new PeriodicTimer(PacerTick))
        {
            long issued = 0;
            var next = 0;
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                if (!cpuMeasured && now >= measureStart)
                {
                    cpuBefore = ProcessCpu.Read(Environment.ProcessId);
                    serverCpuBefore = ServerCpu();
                    cpuMeasured = true;
                    metrics.Phase = "measuring";
                }

                if (now >= measureEnd)
                {
                    break;
                }

                if (senders.Count == 0 || options.Rate <= 0)
                {
                    continue;
                }

                var due = (long)(options.Rate * Stopwatch.GetElapsedTime(start, now).TotalSeconds) - issued;
                for (; due > 0; due--)
                {
                    issued++;
                    var client = senders[next];
                    next = (next + 1) % senders.Count;
                    if (!client.IsConnected)
                    {
                        metrics.SendErrors.Record("notConnected");
                    }
                    else if (inFlight.Count >= options.MaxInFlight)
                    {
                        // The server (or this generator) is not keeping up: skipping is the honest signal.
                        metrics.SendErrors.Record("backlog");
                    }
                    else
                    {
                        inFlight.Track(client.SendAsync(sendToken));
                    }
                }
            }
        }

        var cpu = ProcessCpu.Read(Environment.ProcessId) - cpuBefore;
        var serverCpu = ServerCpu() - serverCpuBefore;

        if (options.FinalBroadcast)
        {
            metrics.Phase = "broadcast";
            foreach (var room in senders.GroupBy(c => c.Room))
            {
                if (room.FirstOrDefault(c => c.IsConnected) is { } sender)
                {
                    inFlight.Track(sender.SendAsync(sendToken));
                }
            }
        }

        metrics.Phase = "draining";
        using var drainLimit = new CancellationTokenSource(options.Drain);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, drainLimit.Token);
        try
        {
            await inFlight.WaitAllAsync(linked.Token);
        }
        catch (OperationCanceledException) when (drainLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Sends still unacknowledged now are cancelled below and counted as "timeout".
        }

        return new SendWindow(options.Duration, cpu, serverCpu);
    }

    /// <summary>CPU time of the local server processes the caller named; the ratio to ours tells whether the generator skews the run.</summary>
    private TimeSpan ServerCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var pid in options.ServerPids)
        {
            total += ProcessCpu.Read(pid);
        }

        return total;
    }

    /// <summary>Waits for the last expected deliveries, polling with a bound, then cancels what is still pending.</summary>
    private async Task DrainAsync(CancellationTokenSource sends, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Drain.TotalSeconds * Stopwatch.Frequency);
        while (metrics.Ledger.Outstanding() > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        await sends.CancelAsync();
    }

    private async Task StopAllAsync()
    {
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, _) => await client.DisposeAsync());
    }
}
