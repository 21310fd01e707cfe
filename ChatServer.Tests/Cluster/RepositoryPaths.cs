namespace ChatServer.Tests.Cluster;

/// <summary>Where the repository's cluster files are, found from the test binaries upwards.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ClusterScript => Path.Combine(Root, "cluster.sh");

    public static string StateDirectory => Path.Combine(Root, ".cluster");

    public static string NginxConf => Path.Combine(Root, "nginx.conf");

    public static string ComposeFile => Path.Combine(Root, "docker-compose.yml");

    public static string PrometheusConf => Path.Combine(Root, "deploy", "prometheus", "prometheus.yml");

    public static string GrafanaDirectory => Path.Combine(Root, "deploy", "grafana");

    public static string Readme => Path.Combine(Root, "README.md");

    public static string TransportScript => Path.Combine(Root, "ChatServer.Tests", "Cluster", "transports.js");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "cluster.sh")) && File.Exists(Path.Combine(directory.FullName, "ChatServer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with cluster.sh) above {AppContext.BaseDirectory}");
    }
}
