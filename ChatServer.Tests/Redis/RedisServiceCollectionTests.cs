using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.Redis;

[Collection(RedisServerCollection.Name)]
public sealed class RedisServiceCollectionTests(RedisServerFixture fixture)
{
    [Fact]
    public async Task AddRedisClient_from_configuration_connects_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = fixture.Server.ConnectionString + ",name=di-test",
            ["Redis:CommandTimeout"] = "00:00:03",
        });
        builder.Services.AddRedisClient(builder.Configuration.GetSection(RedisOptions.SectionName));
        using var host = builder.Build();
        var redis = host.Services.GetRequiredService<RedisConnection>();
        Assert.Equal(RedisConnectionState.NotStarted, redis.State);

        await host.StartAsync();
        Assert.True(redis.IsConnected);
        await redis.ConnectAsync(); // already started by the hosted service: a no-op, not an error
        Assert.Equal(TimeSpan.FromSeconds(3), redis.Options.CommandTimeout);
        Assert.Equal("di-test", (await redis.ExecuteAsync("CLIENT", ["GETNAME"])).ToString());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddRedisClient_with_a_bad_connection_string_fails_start_up_with_the_reason()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRedisClient("localhost:6379,pasword=x");
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("pasword", error.Message, StringComparison.Ordinal);
    }
}
