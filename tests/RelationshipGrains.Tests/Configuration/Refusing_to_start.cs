using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Configuration;

/// <summary>A silo that cannot start as configured says why once, naming every setting as it is typed.</summary>
public sealed class Refusing_to_start
{
    private static readonly KeyValuePair<string, string?>[] OwnKey =
        [new("Silo:Profile", "Production"), new("Auth:Keys:0:Name", "operations"), new("Auth:Keys:0:Role", "operator"), new("Auth:Keys:0:Key", "an-operator-key-of-our-own-0123")];

    private static IReadOnlyList<string> Problems(params KeyValuePair<string, string?>[] with)
    {
        var refusal = Record.Exception(() => StartupChecks.ThrowIfAny(ProductionConfiguration.Build(with: [.. OwnKey, .. with])));
        return refusal is null ? [] : Assert.IsType<StartupRefusal>(refusal).Problems;
    }

    [Fact]
    public void A_complete_production_configuration_and_an_empty_embedded_one_start()
    {
        Assert.Empty(Problems());
        StartupChecks.ThrowIfAny(new ConfigurationBuilder().Build());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Grains.Privacy.PrivacyOptions.DevelopmentPseudonymSecret)]
    [InlineData("only-31-characters-of-a-secret!")]
    public void A_production_silo_refuses_a_pseudonym_secret_anyone_could_know_or_guess(string? secret)
    {
        // With the published development value, a partner could tell which customer is behind each pseudonym it sees.
        var problems = Problems(new KeyValuePair<string, string?>("Privacy:PseudonymSecret", secret));

        Assert.Equal(["Privacy__PseudonymSecret must be a secret of the operator's own, at least 32 characters: "
            + "partners see customers who gave no consent under pseudonyms made with it."], problems);
        Assert.Empty(Problems(new KeyValuePair<string, string?>("Privacy:PseudonymSecret", "exactly-32-characters-of-secret!")));
    }

    [Fact]
    public void A_misspelt_inbound_source_is_refused_naming_the_sources_there_are()
    {
        var options = new InboundSourceOptions();
        options.Sources["service_desk"] = new InboundSource { Secret = new string('s', InboundSourceOptionsValidator.MinSecretLength) };
        options.Sources["erp"] = new InboundSource { Secret = "short" };

        var result = new InboundSourceOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Inbound:Sources:service_desk is not a source the silo takes messages from; the sources are social, marketing, service-desk, erp.",
                "Inbound:Sources:erp:Secret must be at least 32 characters.",
            ],
            result.Failures);
        // As the operator types them: "Inbound__Sources:service_desk" named neither spelling.
        Assert.Equal(
            [
                "Inbound__Sources__service_desk is not a source the silo takes messages from; the sources are social, marketing, service-desk, erp.",
                "Inbound__Sources__erp__Secret must be at least 32 characters.",
            ],
            StartupRefusal.From(new OptionsValidationException("", typeof(InboundSourceOptions), result.Failures!))!.Problems);
        Assert.Equal("Inbound__Sources__service-desk__Secret must be at least 32 characters.",
            StartupRefusal.TypedIn("Inbound:Sources:service-desk:Secret must be at least 32 characters."));
        Assert.Equal("Inbound__Sources__a.b is not a source. Timeline__WindowSize must be at least Timeline__PageSize.",
            StartupRefusal.TypedIn("Inbound:Sources:a.b is not a source. Timeline:WindowSize must be at least Timeline:PageSize."));
        options.Sources.Remove("service_desk");
        options.Sources["erp"].Secret = new string('s', 32);
        Assert.True(new InboundSourceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_data_folder_another_silo_holds_is_one_plain_problem()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rg-held-{Guid.NewGuid():N}");
        var options = Options.Create(new Persistence.Files.LocalFileOptions { Directory = folder });
        using var first = new Persistence.Files.DataFolderLock(options);
        using var second = new Persistence.Files.DataFolderLock(options);
        try
        {
            first.Take();

            var refusal = StartupRefusal.From(Assert.Throws<Persistence.Files.DataFolderInUseException>(second.Take));

            Assert.Equal([$"The data folder '{folder}' is in use by another silo. Stop that silo, or give this one a folder of its own with Storage__Directory."],
                refusal!.Problems);
            first.Dispose();
            second.Take();
        }
        finally
        {
            first.Dispose();
            second.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_value_that_does_not_convert_and_every_other_mistake_is_named_at_once()
    {
        var problems = Problems(
            new("Silo:SiloPort", "abc"), new("Silo:GatewayPort", "99999"), new("Silo:ShutdownTimeout", "xyz"),
            new("Silo:Membership:NumMissedProbesLimit", "many"), new("Messaging:Transport", "Kafka"), new("Webhooks:Attempts", "1.5"),
            new("Http:TrustedProxies:0", "banana"), new("Storage:AzureBlob:ConnectionString", "garbage"));

        Assert.Equal(
            [
                "Silo__SiloPort 'abc' is not a whole number.",
                "Silo__ShutdownTimeout 'xyz' is not a duration such as 00:00:30 (hours:minutes:seconds).",
                "Silo__Membership__NumMissedProbesLimit 'many' is not a whole number.",
                "Messaging__Transport 'Kafka' is not one of: InMemory, RabbitMq.",
                "Webhooks__Attempts '1.5' is not a whole number.",
                "Silo__GatewayPort '99999' is not a port (1 to 65535).",
                "Storage__AzureBlob__ConnectionString is not a storage connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;"
                    + "EndpointSuffix=core.windows.net, or UseDevelopmentStorage=true).",
                "Messaging__Transport is 'Kafka': a cluster publishes through RabbitMq (events in memory die with their silo).",
                "Http__TrustedProxies__0 'banana' is not a CIDR range such as 10.0.0.0/8.",
            ],
            problems);
    }

    [Fact]
    public void Key_and_sign_in_mistakes_are_named_with_the_rest_as_typed()
    {
        var problems = Problems(
            new("Auth:Keys:0:Role", "admin"), new("Auth:Keys:1:Name", "app"), new("Auth:Keys:1:Role", "channel"),
            new("Auth:Keys:1:Key", "an-operator-key-of-our-own-0123"), new("Auth:SignIn:Authority", "http://login.example.com/"),
            new("Messaging:RabbitMq:Password", ""));

        Assert.Equal(
            [
                "Messaging__RabbitMq__Password is missing.",
                "Auth__Keys__0__Role must be one of: channel, partner, operator.",
                "Auth__Keys__1 is the same key as Auth__Keys__0; give every entry a key of its own.",
                "Auth__SignIn__Authority is plain http: use https, or set Auth__SignIn__RequireHttpsMetadata to false for a provider on this machine.",
            ],
            problems);
    }

    [Fact]
    public void A_key_given_once_in_clear_and_once_as_its_hash_is_still_one_key_twice()
    {
        var hash = Convert.ToHexString(ApiKeyHash.Of("a-channel-key-of-our-own-01234")).ToLowerInvariant();
        var failure = new ApiKeyOptionsValidator(Options.Create(new ApiOptions()), Options.Create(new Api.Auth.SignIn.SignInOptions())).Validate(null, new ApiKeyOptions
        {
            Keys =
            [
                new ApiKeyEntry { Name = "web", Role = "channel", Key = "a-channel-key-of-our-own-01234" },
                new ApiKeyEntry { Name = "ops", Role = "operator", Sha256 = hash },
            ],
        }).FailureMessage;

        Assert.Equal("Auth:Keys:1 is the same key as Auth:Keys:0; give every entry a key of its own.", failure);
    }

    [Fact]
    public void Validators_run_as_the_host_starts_are_reported_as_typed_settings_too()
    {
        var failures = new AggregateException(
            new OptionsValidationException("", typeof(InboundSourceOptions), ["Inbound:Sources:social:Secret must be at least 32 characters."]),
            new OptionsValidationException("", typeof(object), ["Timeline:WindowSize must be at least Timeline:PageSize."]));

        Assert.Equal(
            ["Inbound__Sources__social__Secret must be at least 32 characters.", "Timeline__WindowSize must be at least Timeline__PageSize."],
            StartupRefusal.From(failures)!.Problems);
        Assert.Null(StartupRefusal.From(new AggregateException(new InvalidOperationException("not a setting"))));
        Assert.Equal("Auth__SignIn__Authority 'https://login.example.com/x:y' is not reachable.",
            StartupRefusal.TypedIn("Auth:SignIn:Authority 'https://login.example.com/x:y' is not reachable."));
    }

    [Fact]
    public async Task A_silo_process_given_bad_values_exits_with_code_1_and_one_message_without_a_stack_trace()
    {
        var logs = Directory.CreateTempSubdirectory("rg-refusal-").FullName;
        await using var silo = SiloProcess.Start("refusal", new Dictionary<string, string>
        {
            ["Silo__ShutdownTimeout"] = "xyz",
            ["Timeline__WindowSize"] = "lots",
            ["Auth__Keys__0__Name"] = "app",
            ["Auth__Keys__0__Role"] = "admin",
            ["Auth__Keys__0__Key"] = "a-channel-key-of-our-own-01234",
        }, logs);

        Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = File.ReadAllText(silo.LogPath);
        Assert.Contains("Silo__ShutdownTimeout 'xyz' is not a duration", output);
        Assert.Contains("Timeline__WindowSize 'lots' is not a whole number.", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_check_made_as_the_host_starts_is_reported_alone_as_typed_with_no_log_line_before_it()
    {
        var logs = Directory.CreateTempSubdirectory("rg-refusal-").FullName;
        await using var silo = SiloProcess.Start("short-secret", new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Memory",
            ["Inbound__Sources__social__Secret"] = "too-short",
        }, logs);

        Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = File.ReadAllText(silo.LogPath);
        Assert.Equal(["The silo cannot start:", "  - Inbound__Sources__social__Secret must be at least 32 characters."],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }
}
