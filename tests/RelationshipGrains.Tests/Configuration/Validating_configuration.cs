using Azure.Identity;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Persistence.AzureStorage.Tables;

namespace RelationshipGrains.Tests.Configuration;

public sealed class Validating_configuration
{
    private static readonly IOptions<SignInOptions> NoSignIn = Options.Create(new SignInOptions());

    private static string? Failure(AzureJournalOptions options) =>
        new AzureJournalOptionsValidator().Validate(null, options).FailureMessage;

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("ab")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void A_container_name_that_azure_refuses_is_named(string container)
    {
        var failure = Failure(new AzureJournalOptions { ContainerName = container, ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Contains("ContainerName", failure);
    }

    [Theory]
    [InlineData("journals", true)]
    [InlineData("Journals2", true)]
    [InlineData("jo", false)]
    [InlineData("2journals", false)]
    [InlineData("jour-nals", false)]
    public void A_journal_table_name_that_azure_refuses_is_named(string table, bool valid)
    {
        var failure = new TableJournalOptionsValidator().Validate(null, new TableJournalOptions { TableName = table, ConnectionString = "UseDevelopmentStorage=true" }).FailureMessage;

        Assert.Equal(valid, failure is null);
        Assert.Equal(valid, !(failure?.Contains("TableName", StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public void A_production_silo_names_a_journal_table_azure_would_refuse_before_it_starts()
    {
        var refusal = Assert.Throws<RelationshipGrains.Silo.Hosting.StartupRefusal>(() => RelationshipGrains.Silo.Hosting.ProductionSettings.ThrowIfIncomplete(
            ProductionConfiguration.Build(with: [new("Storage:AzureBlob:JournalTableName", "journal-table")])));

        Assert.Contains("Storage__AzureBlob__JournalTableName 'journal-table' is not a table name", refusal.Message);
    }

    [Fact]
    public void A_production_silo_takes_staff_sign_in_without_api_keys_but_not_neither()
    {
        var neither = RelationshipGrains.Silo.Hosting.ProductionSettings.Problems(ProductionConfiguration.Build(without: ["Auth:"]));
        var signInOnly = RelationshipGrains.Silo.Hosting.ProductionSettings.Problems(
            ProductionConfiguration.Build(without: ["Auth:"], with: [new("Auth:SignIn:Authority", "https://login.example.com/")]));

        Assert.Contains(neither, p => p.StartsWith("Auth__Keys is empty and Auth__SignIn__Authority is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(signInOnly, p => p.Contains("Auth__", StringComparison.Ordinal));
    }

    [Fact]
    public void A_journal_table_needs_a_connection_string_or_a_service_uri_with_a_credential()
    {
        var neither = new TableJournalOptionsValidator().Validate(null, new TableJournalOptions()).FailureMessage;
        var uriWithoutCredential = new TableJournalOptionsValidator().Validate(null, new TableJournalOptions { ServiceUri = new Uri("https://x.table.core.windows.net") }).FailureMessage;

        Assert.Contains("ConnectionString", neither);
        Assert.Contains("Credential", uriWithoutCredential);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void A_negative_bound_on_requests_in_flight_is_named(int bound, bool refused)
    {
        var failure = Failure(new AzureJournalOptions { MaxConcurrentRequests = bound, ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(refused, failure?.Contains("MaxConcurrentRequests", StringComparison.Ordinal) ?? false);
        Assert.Equal(refused, failure is not null);
    }

    [Fact]
    public void Storage_needs_a_connection_string_or_a_service_uri_with_a_credential()
    {
        var neither = Failure(new AzureJournalOptions());
        var both = Failure(new AzureJournalOptions { ConnectionString = "UseDevelopmentStorage=true", ServiceUri = new Uri("https://x.blob.core.windows.net") });
        var uriWithoutCredential = Failure(new AzureJournalOptions { ServiceUri = new Uri("https://x.blob.core.windows.net") });
        var valid = Failure(new AzureJournalOptions { ServiceUri = new Uri("https://x.blob.core.windows.net"), Credential = new DefaultAzureCredential() });

        Assert.Contains("ConnectionString", neither);
        Assert.Contains("ConnectionString", both);
        Assert.Contains("Credential", uriWithoutCredential);
        Assert.Null(valid);
    }

    [Fact]
    public void Api_keys_must_be_present_and_well_formed()
    {
        var validator = new ApiKeyOptionsValidator(Options.Create(new ApiOptions()), NoSignIn);

        var none = validator.Validate(null, new ApiKeyOptions()).FailureMessage;
        var bad = validator.Validate(null, new ApiKeyOptions
        {
            Keys =
            [
                new ApiKeyEntry { Name = "x", Role = "admin", Key = "short" },
                new ApiKeyEntry { Name = "p", Role = "partner", Sha256 = new string('a', 64) },
                // A recipe's `printf '%s' "$KEY" | sha256sum` with KEY unset.
                new ApiKeyEntry { Name = "ops", Role = "operator", Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
                new ApiKeyEntry { Name = "velo", Role = "partner", Key = "a-partner-key-of-its-own-0123", PartnerId = "Velo Works" },
            ],
        }).FailureMessage;

        var signInOnly = new ApiKeyOptionsValidator(Options.Create(new ApiOptions()), Options.Create(new SignInOptions { Authority = "https://login.example.com/" }))
            .Validate(null, new ApiKeyOptions());

        Assert.Contains("Auth:Keys", none);
        Assert.True(signInOnly.Succeeded);
        Assert.Contains("Auth:Keys:0:Role", bad);
        Assert.Contains("Auth:Keys:0:Key", bad);
        Assert.Contains("Auth:Keys:1:PartnerId", bad);
        Assert.Contains("Auth:Keys:2:Sha256 is the hash of an empty key", bad);
        Assert.Contains("Auth:Keys:3:PartnerId 'Velo Works' is not a partner id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.", bad);
    }

    [Fact]
    public void A_published_development_key_is_refused_outside_the_embedded_profile_however_it_is_written()
    {
        ApiKeyOptions keys = new()
        {
            Keys =
            [
                new ApiKeyEntry { Name = "ops", Role = "operator", Key = ApiKeyOptions.DevelopmentOperatorKey },
                new ApiKeyEntry { Name = "app", Role = "channel", Sha256 = Convert.ToHexString(ApiKeyHash.Of(ApiKeyOptions.DevelopmentChannelKey)) },
                new ApiKeyEntry { Name = "own", Role = "channel", Key = "a-key-of-our-very-own-0123456789" },
            ],
        };

        var elsewhere = new ApiKeyOptionsValidator(Options.Create(new ApiOptions()), NoSignIn).Validate(null, keys);
        var embedded = new ApiKeyOptionsValidator(Options.Create(new ApiOptions { DevelopmentKeysAllowed = true }), NoSignIn).Validate(null, keys);

        Assert.Contains("Auth:Keys:0 is a published development key", elsewhere.FailureMessage);
        Assert.Contains("Auth:Keys:1 is a published development key", elsewhere.FailureMessage);
        Assert.DoesNotContain("Auth:Keys:2", elsewhere.FailureMessage);
        Assert.True(embedded.Succeeded);
    }

    [Fact]
    public async Task An_unknown_storage_provider_stops_the_silo_naming_the_setting()
    {
        var logs = Directory.CreateTempSubdirectory("rg-floppy-").FullName;
        await using var silo = SiloProcess.Start("floppy", new Dictionary<string, string> { ["Storage__Provider"] = "Floppy" }, logs);

        Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Storage__Provider 'Floppy' is not known; use LocalFiles, Memory or AzureBlob.", File.ReadAllText(silo.LogPath));
    }

    [Fact]
    public void A_sign_in_that_could_not_work_is_refused_naming_the_setting()
    {
        static string? Failure(SignInOptions options) => new SignInOptionsValidator().Validate(null, options).FailureMessage;

        var plainHttp = Failure(new SignInOptions { Authority = "http://login.example.com/" });
        var notAUrl = Failure(new SignInOptions { Authority = "login.example.com" });
        var partnerRole = Failure(new SignInOptions { Authority = "https://login.example.com/", Roles = { ["partner"] = ["suppliers"] } });
        var emptyRole = Failure(new SignInOptions { Authority = "https://login.example.com/", Roles = { ["operator"] = [] } });
        var skew = Failure(new SignInOptions { Authority = "https://login.example.com/", ClockSkew = TimeSpan.FromHours(1) });
        var local = Failure(new SignInOptions { Authority = "http://127.0.0.1:5001/", RequireHttpsMetadata = false, Roles = { ["operator"] = ["crm-operators"] } });
        var off = Failure(new SignInOptions { Roles = { ["partner"] = [] } });
        var sameAudience = Failure(new SignInOptions { Authority = "https://login.example.com/", CustomerAudience = "relationship-grains/" });
        var clientAsAudience = Failure(new SignInOptions { Authority = "https://login.example.com/", ConsoleClientId = "relationship-grains" });

        Assert.Contains("Auth:SignIn:RequireHttpsMetadata", plainHttp);
        Assert.Contains("Auth:SignIn:Authority", notAUrl);
        Assert.Contains("Auth:SignIn:Roles:partner", partnerRole);
        Assert.Contains("Auth:SignIn:Roles:operator", emptyRole);
        Assert.Contains("Auth:SignIn:ClockSkew", skew);
        Assert.Contains("Auth:SignIn:CustomerAudience", sameAudience);
        Assert.Contains("Auth:SignIn:ConsoleClientId", clientAsAudience);
        Assert.Null(local);
        Assert.Null(off);
    }

    [Fact]
    public void A_staff_role_left_out_of_the_map_is_granted_by_its_own_name()
    {
        var options = new SignInOptions { Roles = { ["operator"] = ["crm-operators"] } };

        Assert.Equal(["crm-operators"], options.ValuesFor("operator"));
        Assert.Equal(["channel"], options.ValuesFor("channel"));
    }
}
