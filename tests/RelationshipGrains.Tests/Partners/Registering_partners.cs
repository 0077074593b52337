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

        var first = await partner.RegisterAsync(new RegisterPartner("Velo Works", ["bikes"], new Dictionary<string, double> { ["local"] = 1 }, "https://velo.example/hooks"));
        var updated = await partner.RegisterAsync(new RegisterPartner("Velo Works Ltd", ["bikes", "repairs"]));

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

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() => NewPartner().RegisterAsync(registration));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Keys_are_verified_by_secret_rotated_and_revoked()
    {
        var partner = NewPartner();
        await partner.RegisterAsync(new RegisterPartner("Velo", ["bikes"]));

        var old = await partner.IssueKeyAsync();
        var fresh = await partner.IssueKeyAsync();
        Assert.True(PartnerKeyFormat.TryParse(old.Key, out var partnerId, out var keyId, out var secret));
        Assert.True(PartnerKeyFormat.TryParse(fresh.Key, out _, out var freshId, out var freshSecret));
        var bothWork = await partner.VerifyKeyAsync(keyId, secret) && await partner.VerifyKeyAsync(freshId, freshSecret);
        var wrongSecret = await partner.VerifyKeyAsync(keyId, freshSecret);
        var revoked = await partner.RevokeKeyAsync(keyId);

        Assert.Equal(partner.GetPrimaryKeyString(), partnerId);
        Assert.True(bothWork);
        Assert.False(wrongSecret);
        Assert.True(revoked);
        Assert.False(await partner.VerifyKeyAsync(keyId, secret));
        Assert.True(await partner.VerifyKeyAsync(freshId, freshSecret));
        var listed = await partner.ListKeysAsync();
        Assert.Equal([keyId, freshId], listed.Select(k => k.KeyId));
        Assert.NotNull(listed[0].RevokedAt);
    }

    [Fact]
    public async Task An_unregistered_partner_gets_no_keys()
    {
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => NewPartner().IssueKeyAsync());
    }
}
