using System.Text.RegularExpressions;

namespace ChatServer.Tests.Cluster;

/// <summary>The Docker and local cluster files stay valid and in step with each other; no cluster needs to run.</summary>
public sealed partial class ClusterConfigurationTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Docker_compose_validates_the_compose_file()
    {
        var result = await ComposeAsync(RepositoryPaths.ComposeFile, "config", "-q");

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public async Task Docker_compose_validation_rejects_a_broken_file()
    {
        // Shows the check above can fail: a misspelt depends_on condition is an error.
        var broken = Path.Combine(RepositoryPaths.Root, $".compose-broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(RepositoryPaths.ComposeFile)).Replace("service_healthy", "service_hungry", StringComparison.Ordinal));
        try
        {
            var result = await ComposeAsync(broken, "config", "-q");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("service_hungry", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Compose_runs_redis_nginx_and_one_instance_per_nginx_upstream_with_matching_ids()
    {
        var services = await ComposeAsync(RepositoryPaths.ComposeFile, "config", "--services");
        Assert.True(services.ExitCode == 0, services.Describe());
        var config = await ComposeAsync(RepositoryPaths.ComposeFile, "config");
        Assert.True(config.ExitCode == 0, config.Describe());

        var nginx = await File.ReadAllTextAsync(RepositoryPaths.NginxConf);
        var upstreamHosts = UpstreamServer().Matches(nginx).Select(match => match.Groups["host"].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var mappedIds = MapEntry().Matches(nginx).Select(match => match.Groups["id"].Value).Order(StringComparer.Ordinal).ToList();
        var instanceIds = InstanceIdSetting().Matches(config.StandardOutput).Select(match => match.Groups["id"].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["chat-1", "chat-2", "chat-3"], upstreamHosts);
        Assert.Equal(upstreamHosts, mappedIds);
        Assert.Equal(upstreamHosts, instanceIds);
        Assert.Equal(
            ["chat-1", "chat-2", "chat-3", "grafana", "nginx", "prometheus", "redis", "worker"],
            services.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));

        // The worker-only process, as cluster.sh's worker-1: it takes room exports from the queue the instances fill.
        var worker = config.StandardOutput[config.StandardOutput.IndexOf("\n  worker:\n", StringComparison.Ordinal)..];
        Assert.Matches(@"^\n  worker:\n(    .*\n)*?      Jobs__Role: worker\n", worker);
        Assert.Contains("Chat__InstanceId: worker-1", worker, StringComparison.Ordinal);
        Assert.Contains("- 127.0.0.1:8080:8080/tcp", config.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dockerfile_builds_every_target_compose_names_and_runs_chat_server_as_non_root()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var config = await ComposeAsync(RepositoryPaths.ComposeFile, "config");
        Assert.True(config.ExitCode == 0, config.Describe());

        var stages = DockerStage().Matches(dockerfile).Select(match => match.Groups["name"].Value).ToList();
        var targets = BuildTarget().Matches(config.StandardOutput).Select(match => match.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["chat", "web"], targets);
        Assert.All(targets, target => Assert.Contains(target, stages));

        // The chat target is the last stage (the image `docker build .` gives), and it switches to a non-root user.
        Assert.Equal("chat", stages[^1]);
        var chatStage = dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^USER (?!root\b|0\b)\S+$", chatStage);
    }

    [Fact]
    public async Task The_dockerfile_copies_every_project_the_server_references_and_the_javascript_it_serves()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, "ChatServer", "ChatServer.csproj"));
        var referenced = project.Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.NotEmpty(referenced);
        foreach (var name in referenced)
        {
            // Restored from the project file first (layer caching), then built from the sources.
            Assert.Contains($"COPY {name}/{name}.csproj {name}/", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"COPY {name}/ {name}/", dockerfile, StringComparison.Ordinal);
        }

        var page = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "wwwroot", "index.html"));
        foreach (var script in System.Text.RegularExpressions.Regex.Matches(page, @"src=""lib/(?<file>[^""]+)""").Select(match => match.Groups["file"].Value))
        {
            Assert.Contains($"/{script} ", dockerfile.Replace("\\\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_local_nginx_configuration_differs_from_nginx_conf_only_in_addresses()
    {
        var local = await ClusterScript.RunAsync(CommandTimeout, CancellationToken.None, "nginx-conf", "3");
        Assert.True(local.ExitCode == 0, local.Describe());

        var docker = await File.ReadAllTextAsync(RepositoryPaths.NginxConf);
        var expected = DockerAddress().Replace(docker, match => $"127.0.0.1:{5000 + int.Parse(match.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture)}")
            .Replace("        listen 8080;", "        listen 127.0.0.1:8080;", StringComparison.Ordinal);
        Assert.Equal(expected, local.StandardOutput);
    }

    [Fact]
    public async Task The_local_nginx_configuration_for_five_instances_is_valid_and_routes_every_instance()
    {
        var local = await ClusterScript.RunAsync(CommandTimeout, CancellationToken.None, "nginx-conf", "5");
        Assert.True(local.ExitCode == 0, local.Describe());
        Assert.Equal(["chat-1", "chat-2", "chat-3", "chat-4", "chat-5"], MapEntry().Matches(local.StandardOutput).Select(match => match.Groups["id"].Value));
        Assert.Contains("server 127.0.0.1:5005 max_fails=1 fail_timeout=5s;", local.StandardOutput, StringComparison.Ordinal);

        var prefix = Directory.CreateTempSubdirectory("chat-nginx-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(prefix.FullName, "nginx.conf"), local.StandardOutput);
            Directory.CreateDirectory(Path.Combine(prefix.FullName, "wwwroot"));
            var test = await ProcessRunner.RunAsync("/usr/sbin/nginx", ["-t", "-p", prefix.FullName + "/", "-c", "nginx.conf", "-e", "stderr"], prefix.FullName, CommandTimeout);

            Assert.True(test.ExitCode == 0, test.Describe());
        }
        finally
        {
            prefix.Delete(recursive: true);
        }
    }

    internal static Task<ProcessResult> ComposeAsync(string file, params string[] arguments) =>
        ProcessRunner.RunAsync("docker-compose", ["-f", file, .. arguments], RepositoryPaths.Root, CommandTimeout);

    [GeneratedRegex(@"server (?<host>chat-\d+):8080 ")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^\s+(?<id>chat-\d+)\s+chat_\d+;$", RegexOptions.Multiline)]
    private static partial Regex MapEntry();

    /// <summary>A chat instance's id; the worker-only service (worker-1) serves no chat and is no nginx upstream.</summary>
    [GeneratedRegex(@"Chat__InstanceId: (?<id>chat-\d+)")]
    internal static partial Regex InstanceIdSetting();

    [GeneratedRegex(@"(?m)^FROM \S+ AS (?<name>\S+)$")]
    private static partial Regex DockerStage();

    [GeneratedRegex(@"(?m)^\s+target: (?<name>\S+)$")]
    private static partial Regex BuildTarget();

    /// <summary>An instance's address on the compose network (chat-i:8080), which the local files replace with 127.0.0.1:500i.</summary>
    [GeneratedRegex(@"chat-(?<i>\d+):8080")]
    internal static partial Regex DockerAddress();
}
