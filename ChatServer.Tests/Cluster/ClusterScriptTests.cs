using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ChatServer.Client;

namespace ChatServer.Tests.Cluster;

/// <summary>cluster.sh's own promises: N instances, status, a down that touches only its processes, clear errors.</summary>
[Collection(ClusterScriptCollection.Name)]
public sealed class ClusterScriptTests
{
    private static readonly string[] TwoInstanceNames = ["redis", "chat-1", "chat-2", "worker-1", "nginx"];

    [Fact]
    public async Task Up_two_then_down_stops_exactly_the_processes_it_started_and_status_follows()
    {
        using var timeout = new CancellationTokenSource(ClusterScript.UpTimeout + TimeSpan.FromMinutes(1));
        await ClusterScript.DownAsync(timeout.Token);
        using var decoy = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            await ClusterScript.UpAsync(2, timeout.Token, new Dictionary<string, string> { ["Chat__History__MaxLength"] = "1234" });
            AssertInstanceEnvironments(2);

            var status = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "status");
            Assert.True(status.ExitCode == 0, status.Describe());
            foreach (var name in TwoInstanceNames)
            {
                Assert.Matches($@"(?m)^{name}\s+{ClusterScript.ReadPid(name)}\s+127\.0\.0\.1:\d+\s+ready$", status.StandardOutput);
            }

            Assert.DoesNotContain("chat-3", status.StandardOutput, StringComparison.Ordinal);
            await AssertNginxReachesAsync(["chat-1", "chat-2"], timeout.Token);
            Assert.Matches(@"(?m)^worker-1\s+\d+\s+127\.0\.0\.1:5101\s+ready$", status.StandardOutput);
            AssertWorkerEnvironment();
            await AssertRoomExportCompletesAsync(timeout.Token);

            var pids = TwoInstanceNames.ToDictionary(name => name, ClusterScript.ReadPid);

            // A crashed instance shows in status, which then fails.
            using (var crashed = Process.GetProcessById(pids["chat-2"]))
            {
                crashed.Kill();
                await crashed.WaitForExitAsync(timeout.Token);
            }

            status = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "status");
            Assert.Equal(1, status.ExitCode);
            Assert.Matches(@"(?m)^chat-2\s+\d+\s+127\.0\.0\.1:5002\s+not running$", status.StandardOutput);

            // A pid file naming a process cluster.sh did not start must not get it killed.
            await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.StateDirectory, "chat-3.pid"), decoy.Id + "\n", timeout.Token);

            var down = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "down");
            Assert.True(down.ExitCode == 0, down.Describe());
            Assert.Contains($"chat-3: pid {decoy.Id} is not the process cluster.sh started; left alone", down.StandardOutput, StringComparison.Ordinal);
            Assert.False(decoy.HasExited);
            foreach (var (name, pid) in pids)
            {
                Assert.True(await HasEndedAsync(pid, timeout.Token), $"{name} (pid {pid}) still runs after down");
            }

            Assert.Empty(Directory.GetFiles(RepositoryPaths.StateDirectory, "*.pid"));

            var again = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "down");
            Assert.True(again.ExitCode == 0, again.Describe());
            Assert.Contains("nothing to stop", again.StandardOutput, StringComparison.Ordinal);

            status = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "status");
            Assert.Equal(3, status.ExitCode);
        }
        finally
        {
            if (!decoy.HasExited)
            {
                decoy.Kill();
            }

            using var cleanup = new CancellationTokenSource(ClusterScript.QuickTimeout);
            await ClusterScript.DownAsync(cleanup.Token);
        }
    }

    [Fact]
    public async Task Up_refuses_a_taken_port_with_a_clear_error_and_starts_nothing()
    {
        using var timeout = new CancellationTokenSource(ClusterScript.QuickTimeout * 2);
        await ClusterScript.DownAsync(timeout.Token);
        using var squatter = new TcpListener(IPAddress.Loopback, 5002);
        squatter.Start();
        try
        {
            var up = await ClusterScript.RunAsync(ClusterScript.QuickTimeout, timeout.Token, "up", "2");

            Assert.NotEqual(0, up.ExitCode);
            Assert.Contains("127.0.0.1:5002 is already in use", up.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("5001", up.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(RepositoryPaths.StateDirectory) && Directory.GetFiles(RepositoryPaths.StateDirectory, "*.pid").Length > 0, "up started something");
            Assert.False(await IsListeningAsync(8080, timeout.Token), "nginx runs after a failed up");
            Assert.False(await IsListeningAsync(6380, timeout.Token), "redis runs after a failed up");
        }
        finally
        {
            squatter.Stop();
        }
    }

    [Fact]
    public async Task An_instance_that_cannot_start_fails_up_with_its_log_and_leaves_nothing_running()
    {
        using var timeout = new CancellationTokenSource(ClusterScript.UpTimeout);
        await ClusterScript.DownAsync(timeout.Token);

        // Options are validated at start-up, so this makes every instance exit at once.
        var up = await ClusterScript.RunAsync(ClusterScript.UpTimeout, new Dictionary<string, string> { ["Chat__History__MaxLength"] = "-5" }, timeout.Token, "up", "2");

        Assert.NotEqual(0, up.ExitCode);
        // The worker validates the same options, so it may be the first one up notices.
        Assert.Matches("(chat-[12]|worker-1) exited during start-up", up.StandardError);
        Assert.Contains("'MaxLength'", up.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(RepositoryPaths.StateDirectory, "*.pid"));
        Assert.False(await IsListeningAsync(8080, timeout.Token), "nginx runs after a failed up");
        Assert.False(await IsListeningAsync(6380, timeout.Token), "redis runs after a failed up");
    }

    [Fact]
    public async Task Up_names_missing_dependencies_and_how_to_install_them()
    {
        // A PATH with the .NET SDK and curl but without redis-server or redis-cli.
        var bin = Directory.CreateTempSubdirectory("chat-path-");
        try
        {
            foreach (var tool in new[] { "dirname", "dotnet", "curl" })
            {
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), ResolveOnPath(tool));
            }

            var up = await ProcessRunner.RunAsync(
                "/bin/bash",
                [RepositoryPaths.ClusterScript, "up", "2"],
                RepositoryPaths.Root,
                ClusterScript.QuickTimeout,
                new Dictionary<string, string> { ["PATH"] = bin.FullName });

            Assert.NotEqual(0, up.ExitCode);
            Assert.Contains("missing dependencies: redis-server redis-cli", up.StandardError, StringComparison.Ordinal);
            Assert.Contains("apt-get install -y redis-server nginx", up.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    /// <summary>The caller's Chat__* settings reach every instance, each with its own id and the local Redis by default.</summary>
    private static void AssertInstanceEnvironments(int count)
    {
        var expectedRedis = Environment.GetEnvironmentVariable("Redis__Configuration") ?? "127.0.0.1:6380";
        for (var i = 1; i <= count; i++)
        {
            var environment = File.ReadAllText($"/proc/{ClusterScript.ReadPid($"chat-{i}")}/environ").Split('\0');
            Assert.Contains("Chat__History__MaxLength=1234", environment);
            Assert.Contains($"Chat__InstanceId=chat-{i}", environment);
            Assert.Contains($"Redis__Configuration={expectedRedis}", environment);
        }
    }

    /// <summary>The worker-only process runs as worker-1 on the cluster's Redis, with the caller's settings too.</summary>
    private static void AssertWorkerEnvironment()
    {
        var pid = ClusterScript.ReadPid("worker-1");
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        Assert.Contains("Chat__History__MaxLength=1234", environment);
        Assert.Contains("Chat__InstanceId=worker-1", environment);
        Assert.Contains("--Jobs:Role=worker", File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'));
    }

    /// <summary>A room with a message exports as CSV through nginx: queued, run by a worker, the file downloaded.</summary>
    private static async Task AssertRoomExportCompletesAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = ClusterFixture.BaseUri };
        var token = await ClusterFixture.GetAccessTokenAsync(http, ClusterFixture.UniqueName("export"), cancellationToken);
        var room = ClusterFixture.UniqueName("export-room");
        await using (var client = ClusterFixture.CreateHubConnection(token))
        {
            await client.StartAsync(cancellationToken);
            await client.JoinRoomAsync(room, cancellationToken: cancellationToken);
            await client.SendMessageAsync(room, "exported through the cluster", cancellationToken: cancellationToken);
        }

        using var file = new MemoryStream();
        var done = await new ChatApiClient(http).ExportRoomAsync(token, room, "csv", file, cancellationToken: cancellationToken);

        Assert.Equal(ChatServer.Contracts.JobStates.Succeeded, done.Status);
        Assert.Contains("exported through the cluster", System.Text.Encoding.UTF8.GetString(file.ToArray()), StringComparison.Ordinal);
    }

    private static async Task AssertNginxReachesAsync(string[] expected, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = ClusterFixture.BaseUri };
        var seen = new HashSet<string>();
        var token = await ClusterFixture.GetAccessTokenAsync(http, ClusterFixture.UniqueName("reach"), cancellationToken);
        for (var i = 0; i < 4 * expected.Length; i++)
        {
            var server = await ClusterFixture.GetServerInfoAsync(http, token, cancellationToken);
            seen.Add(server!.InstanceId);
        }

        Assert.Equal(expected, seen.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether the process is gone or a zombie. Whoever adopted the orphaned servers (pid 1 here) reaps them a
    /// moment after they exit, so give it a bounded while.
    /// </summary>
    private static async Task<bool> HasEndedAsync(int pid, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", cancellationToken);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                return true;
            }
            catch (IOException exception) when (exception.HResult == 3 || exception.Message.StartsWith("No such process", StringComparison.Ordinal))
            {
                // ESRCH: the process was reaped between opening its stat file and reading it.
                return true;
            }

            // The state follows the parenthesised command name: "pid (comm) S ...".
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }

    private static string ResolveOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not on PATH");
}
