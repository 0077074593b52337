using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class Registering_partners(ClusterFixture fixture)
{
    private IPartnerGrain NewPartner() => fixture.Grains.GetGrain<IPartnerGrain>(Keys.Customer("p"));

    [Fact]
    public async Task A_registration_is_kept_and_can_be_updated()
    {
        var partner = NewPartner();

        var first = await partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo Works", ["bikes"], new Dictionary<string, double> { ["local"] = 1 }, "https://velo.example/hooks"));
        var updated = await partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo Works Ltd", ["bikes", "repairs"]));

        Assert.Equal("Velo Works Ltd", (await partner.GetAsync())!.Name);
        Assert.Equal(["bikes", "repairs"], updated.Categories);
        Assert.Equal(first.RegisteredAt, updated.RegisteredAt);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("no categories", "categories")]
    [InlineData("bad url", "contactUrl")]
    public async Task A_bad_registration_names_the_field(string name, string field)
    {
        var registration = field switch
        {
            "categories" => new RegisterPartner(name, []),
            "contactUrl" => new RegisterPartner(name, ["bikes"], ContactUrl: "ftp://nowhere"),
            _ => new RegisterPartner(name, ["bikes"]),
        };

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() => NewPartner().AsReference<IPartnerAccountGrain>().RegisterAsync(registration));

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://172.20.1.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task A_contact_url_inside_our_network_is_refused(string url)
    {
        var partner = NewPartner();

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() => partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Sneaky", ["bikes"], ContactUrl: url)));

        Assert.Equal("contactUrl", error.Field);
        Assert.Null(await partner.GetAsync());
    }

    [Fact]
    public async Task A_public_contact_url_is_accepted()
    {
        var profile = await NewPartner().AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo", ["bikes"], ContactUrl: "https://hooks.velo.example/rg"));

        Assert.Equal("https://hooks.velo.example/rg", profile.ContactUrl);
    }

    [Fact]
    public async Task Keys_are_verified_by_secret_rotated_and_revoked()
    {
        var partner = NewPartner();
        await partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo", ["bikes"]));

        var old = await partner.AsReference<IPartnerAccountGrain>().IssueKeyAsync();
        var fresh = await partner.AsReference<IPartnerAccountGrain>().IssueKeyAsync();
        Assert.True(PartnerKeyFormat.TryParse(old.Key, out var partnerId, out var keyId, out var secret));
        Assert.True(PartnerKeyFormat.TryParse(fresh.Key, out _, out var freshId, out var freshSecret));
        var bothWork = await partner.AsReference<IPartnerAccountGrain>().VerifyKeyAsync(keyId, secret) && await partner.AsReference<IPartnerAccountGrain>().VerifyKeyAsync(freshId, freshSecret);
        var wrongSecret = await partner.AsReference<IPartnerAccountGrain>().VerifyKeyAsync(keyId, freshSecret);
        var revoked = await partner.AsReference<IPartnerAccountGrain>().RevokeKeyAsync(keyId);

        Assert.Equal(partner.GetPrimaryKeyString(), partnerId);
        Assert.True(bothWork);
        Assert.False(wrongSecret);
        Assert.True(revoked);
        Assert.False(await partner.AsReference<IPartnerAccountGrain>().VerifyKeyAsync(keyId, secret));
        Assert.True(await partner.AsReference<IPartnerAccountGrain>().VerifyKeyAsync(freshId, freshSecret));
        var listed = await partner.AsReference<IPartnerAccountGrain>().ListKeysAsync();
        Assert.Equal([keyId, freshId], listed.Select(k => k.KeyId));
        Assert.NotNull(listed[0].RevokedAt);

        // Revoking again (a retried DELETE) is no failure and keeps the first revocation's time; an unknown key is.
        Assert.True(await partner.AsReference<IPartnerAccountGrain>().RevokeKeyAsync(keyId));
        Assert.Equal(listed[0].RevokedAt, (await partner.AsReference<IPartnerAccountGrain>().ListKeysAsync())[0].RevokedAt);
        Assert.False(await partner.AsReference<IPartnerAccountGrain>().RevokeKeyAsync("no-such-key"));
    }

    [Fact]
    public async Task An_unregistered_partner_gets_no_keys()
    {
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => NewPartner().AsReference<IPartnerAccountGrain>().IssueKeyAsync());
    }
}
