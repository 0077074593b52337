using Microsoft.Extensions.Configuration;

namespace RelationshipGrains.Tests.Configuration;

/// <summary>A production silo's settings with nothing missing (certificates of a throw-away authority), to take away from.</summary>
public static class ProductionConfiguration
{
    private static readonly Lazy<Dictionary<string, string?>> Complete = new(() =>
    {
        var certificates = TestCertificates.CreateAuthority(Path.Combine(Path.GetTempPath(), $"rg-settings-{Guid.NewGuid():N}"));
        var (certificate, key) = certificates.Issue("silo");
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Username"] = "relationship-grains",
            ["Messaging:RabbitMq:Password"] = "a broker password",
            ["Auth:Keys:0:Name"] = "operations",
            ["Privacy:PseudonymSecret"] = "a pseudonym secret of the operator's own",
            ["Http:TlsTermination"] = "Proxy",
            ["Silo:Tls:CertificateFile"] = certificate,
            ["Silo:Tls:KeyFile"] = key,
            ["Silo:Tls:CaFile"] = certificates.AuthorityFile,
        };
    });

    /// <summary>The complete settings, less <paramref name="without"/> (key prefixes), with <paramref name="with"/> on top.</summary>
    public static IConfiguration Build(IEnumerable<string>? without = null, IEnumerable<KeyValuePair<string, string?>>? with = null)
    {
        var removed = without?.ToList() ?? [];
        var settings = Complete.Value.Where(s => !removed.Any(r => s.Key.StartsWith(r, StringComparison.Ordinal))).ToDictionary(s => s.Key, s => s.Value);
        foreach (var (key, value) in with ?? [])
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
