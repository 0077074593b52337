using Microsoft.Extensions.Configuration;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Configuration;

/// <summary>A production silo starts only when the configuration says where HTTPS ends.</summary>
public sealed class Saying_where_tls_ends
{
    private static IConfiguration Settings(params (string Key, string Value)[] tls) =>
        ProductionConfiguration.Build(without: ["Http:TlsTermination"], with: tls.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value)));

    [Theory]
    [InlineData("Proxy", "http://0.0.0.0:8080")]
    [InlineData("Kestrel", "https://0.0.0.0:8443")]
    [InlineData("kestrel", "http://0.0.0.0:8080;https://0.0.0.0:8443")]
    public void A_proxy_or_an_https_address_is_enough(string mode, string urls) =>
        ProductionSettings.ThrowIfIncomplete(Settings(("Http:TlsTermination", mode), ("Urls", urls)));

    [Theory]
    [InlineData(null, "TlsTermination is ''")]
    [InlineData("None", "TlsTermination is 'None'")]
    public void Nothing_said_or_a_mode_we_do_not_know_is_refused(string? mode, string expected)
    {
        var refusal = Assert.Throws<StartupRefusal>(() => ProductionSettings.ThrowIfIncomplete(
            mode is null ? Settings() : Settings(("Http:TlsTermination", mode))));
        Assert.Contains(expected, refusal.Message);
    }

    [Fact]
    public void Kestrel_without_an_https_address_is_refused()
    {
        var refusal = Assert.Throws<StartupRefusal>(() => ProductionSettings.ThrowIfIncomplete(
            Settings(("Http:TlsTermination", "Kestrel"), ("Urls", "http://0.0.0.0:8080"))));
        Assert.Contains("no https address", refusal.Message);
    }
}
