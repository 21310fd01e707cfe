using ChatServer.Client;
using System.CommandLine;
using System.CommandLine.Parsing;
using ChatServer.LoadTest.Reporting;
using Spectre.Console;

namespace ChatServer.LoadTest;

/// <summary>The command line (System.CommandLine) and what a run does with its result: table, JSON, HTML, exit code.</summary>
internal static class LoadTestCommand
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitError = 2;

    /// <summary>Where <c>--provision-key</c> is read from by default, so the secret need not be on the command line.</summary>
    public const string ProvisioningEnvironmentVariable = "CHAT_PROVISIONING_KEY";

    /// <summary>Parses <paramref name="args"/> and runs; the console is a parameter so tests can capture it.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        var url = new Option<Uri>("--url")
        {
            Description = "Server or nginx root",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5000/"),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var value))
                {
                    return value;
                }

                result.AddError($"--url: '{text}' is not an absolute URL.");
                return null;
            },
        };
        var clients = new Option<int>("--clients") { Description = "SignalR connections to open", DefaultValueFactory = _ => 100 };
        var users = new Option<int>("--users") { Description = "Distinct accounts, shared round-robin by the clients (default: one per client)" };
        var rooms = new Option<int>("--rooms") { Description = "Rooms; clients are spread evenly", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Messages per second, all clients together (0: idle)", DefaultValueFactory = _ => 100 };
        var duration = DurationOption("--duration", "Measurement time, e.g. 30s, 10m", TimeSpan.FromSeconds(30));
        var warmup = DurationOption("--warmup", "Sending before measurement starts", TimeSpan.FromSeconds(5));
        var drain = DurationOption("--drain", "Wait for late acks and deliveries after sending stops", TimeSpan.FromSeconds(10));
        var messageSize = new Option<int>("--message-size") { Description = "Characters per message (max 4000)", DefaultValueFactory = _ => 100 };
        var ramp = new Option<double>("--ramp") { Description = "New connections per second (0: as fast as --connect-concurrency allows)" };
        var connectConcurrency = new Option<int>("--connect-concurrency") { Description = "Connections being opened at once", DefaultValueFactory = _ => 64 };
        var loginConcurrency = new Option<int>("--login-concurrency") { Description = "Parallel register/login requests", DefaultValueFactory = _ => 8 };
        var provisionKey = new Option<string?>("--provision-key")
        {
            Description = "Get every user's session in bulk from POST /api/provisioning/sessions (servers with Chat:Provisioning:Enabled): one password hash per run instead of one per user. Default: $"
                + ProvisioningEnvironmentVariable,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ProvisioningEnvironmentVariable) is { Length: > 0 } key ? key : null,
        };
        var sourceIps = new Option<int>("--source-ips") { Description = "Bind client sockets to 127.0.0.1..127.0.0.N (0: let the OS choose)" };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Unacknowledged sends before the pacer skips (error 'backlog')", DefaultValueFactory = _ => 20_000 };
        var broadcast = new Option<bool>("--final-broadcast") { Description = "After measuring, send one message per room that must reach every member" };
        var serverPids = new Option<int[]>("--server-pids") { Description = "Local server process ids whose CPU use to report for the measurement window", AllowMultipleArgumentsPerToken = true };
        var serverMetrics = new Option<Uri[]>("--server-metrics")
        {
            Description = "Instances (e.g. http://127.0.0.1:5001 http://127.0.0.1:5002) whose /metrics to read before and after the run, for the servers' view next to the clients'",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result =>
            {
                var urls = new List<Uri>();
                foreach (var token in result.Tokens)
                {
                    if (Uri.TryCreate(token.Value.EndsWith('/') ? token.Value : token.Value + "/", UriKind.Absolute, out var value)) urls.Add(value);
                    else result.AddError($"--server-metrics: '{token.Value}' is not an absolute URL.");
                }

                return [.. urls];
            },
        };
        var client = new Option<string>("--client") { Description = "hub: ChatServer.Client (the official SignalR client); raw: the tool's lean JSON-protocol WebSocket client", DefaultValueFactory = _ => "hub" };
        client.AcceptOnlyFromAmong("hub", "raw");
        var protocol = new Option<string>("--protocol") { Description = "Hub protocol of the hub client: json or messagepack", DefaultValueFactory = _ => "json" };
        protocol.AcceptOnlyFromAmong("json", "messagepack");
        var json = new Option<FileInfo?>("--json") { Description = "Write every figure and the options as one JSON object" };
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML report with charts" };

        var root = new RootCommand("ChatServer load test: real SignalR clients, delivery accounting and latency")
        {
            url, clients, users, rooms, rate, duration, warmup, drain, messageSize, ramp, connectConcurrency, loginConcurrency,
            provisionKey, sourceIps, maxInFlight, broadcast, serverPids, serverMetrics, client, protocol, json, report,
        };
        root.SetAction(async (parsed, ct) =>
        {
            var options = new LoadTestOptions
            {
                Url = parsed.GetValue(url)!,
                Clients = parsed.GetValue(clients),
                Users = parsed.GetValue(users),
                Rooms = parsed.GetValue(rooms),
                Rate = parsed.GetValue(rate),
                Duration = parsed.GetValue(duration),
                Warmup = parsed.GetValue(warmup),
                Drain = parsed.GetValue(drain),
                MessageSize = parsed.GetValue(messageSize),
                Ramp = parsed.GetValue(ramp),
                ConnectConcurrency = parsed.GetValue(connectConcurrency),
                LoginConcurrency = parsed.GetValue(loginConcurrency),
                // An empty key (--provision-key "") turns bulk sessions off even when the variable is set.
                ProvisionKey = parsed.GetValue(provisionKey) is { Length: > 0 } key ? key : null,
                SourceIps = parsed.GetValue(sourceIps),
                MaxInFlight = parsed.GetValue(maxInFlight),
                FinalBroadcast = parsed.GetValue(broadcast),
                ServerPids = parsed.GetValue(serverPids) ?? [],
                ServerMetrics = parsed.GetValue(serverMetrics) ?? [],
                RawClient = parsed.GetValue(client) == "raw",
                Protocol = parsed.GetValue(protocol) == "messagepack" ? ChatProtocol.MessagePack : ChatProtocol.Json,
                JsonPath = parsed.GetValue(json)?.FullName,
                ReportPath = parsed.GetValue(report)?.FullName,
            };
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    console.MarkupLine("[red]" + Markup.Escape(error) + "[/]");
                }

                return ExitError;
            }

            return await ExecuteAsync(options, console, ct);
        });

        var configuration = new InvocationConfiguration { Output = new AnsiTextWriter(console), Error = new AnsiTextWriter(console) };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    internal static async Task<int> ExecuteAsync(LoadTestOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        console.MarkupLine(Markup.Escape(
            $"run {options.RunId}: {options.Clients} clients ({options.EffectiveUsers} users) in {options.Rooms} rooms → {options.Url}, " +
            $"{(options.RawClient ? "raw" : "hub")} client, {options.Protocol} protocol, {options.Rate} msg/s for {options.Duration.TotalSeconds} s after {options.Warmup.TotalSeconds} s warm-up, {Environment.ProcessorCount} cores"));
        var metrics = LoadRunner.CreateMetrics(options);
        var runner = new LoadRunner(options, metrics);
        LoadTestResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(console, metrics, () => runner.RunAsync(cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[red]run aborted[/]: " + Markup.Escape(ex.Message));
            return ExitError;
        }

        ConsoleSummary.Write(console, result);
        if (options.JsonPath is not null)
        {
            await JsonReport.WriteAsync(options.JsonPath, result, cancellationToken);
        }

        if (options.ReportPath is not null)
        {
            await HtmlReport.WriteAsync(options.ReportPath, result, cancellationToken);
        }

        return result.Passed ? ExitPassed : ExitFailed;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DurationParser.TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration (e.g. 30s, 500ms, 10m).");
            return default;
        },
    };
}
