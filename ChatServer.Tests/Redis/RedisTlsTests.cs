using System.Collections.Concurrent;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

public sealed class RedisTlsTests
{
    [Fact]
    public async Task Commands_and_pub_sub_work_over_TLS_with_a_pinned_certificate()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Password: "tls-pw", Tls: true));
        var options = RedisOptions.Parse(server.ConnectionString + ",sslHost=localhost");
        Assert.True(options.Ssl);
        var thumbprint = server.TlsCertificate!.GetCertHashString();
        options.CertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;

        await using var client = await RedisConnection.ConnectAsync(options);
        var big = new byte[1024 * 1024];
        new Random(3).NextBytes(big);
        await client.SetAsync("tls:big", big);
        Assert.Equal(big, (await client.GetAsync("tls:big")).ToArray());

        var received = new ConcurrentQueue<string>();
        await using var subscription = await client.SubscribeAsync("tls:channel", (m, _) =>
        {
            received.Enqueue(m.Payload.ToString()!);
            return ValueTask.CompletedTask;
        });
        Assert.Equal(1, await client.PublishAsync("tls:channel", "secret ✓"));
        await Eventually.TrueAsync(() => received.Count == 1);
        Assert.Equal("secret ✓", received.Single());
    }

    [Fact]
    public async Task Untrusted_certificate_fails_with_unable_to_connect()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Tls: true));
        var options = RedisOptions.Parse(server.ConnectionString + ",sslHost=localhost,connectTimeout=3000");
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(options));
        Assert.Equal(RedisConnectionFailure.UnableToConnect, error.Failure);
    }
}
