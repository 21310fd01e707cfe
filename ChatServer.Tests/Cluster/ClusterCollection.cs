namespace ChatServer.Tests.Cluster;

/// <summary>
/// Tests against the one cluster <see cref="ClusterFixture"/> starts with <c>./cluster.sh up 3</c>. Its ports are
/// fixed by the contract (nginx 8080, redis 6380, instances 5001..), so these tests never run beside each other
/// or beside <see cref="ClusterScriptCollection"/>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
