using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Privacy;

namespace RelationshipGrains.Tests.Privacy;

public sealed class Naming_customers_pseudonymously
{
    private readonly Pseudonyms _pseudonyms = new(Options.Create(new PrivacyOptions { PseudonymSecret = "a-test-secret-for-pseudonyms" }));

    [Fact]
    public void An_erased_customers_name_shares_nothing_with_any_partners_name_for_them_even_a_partner_called_erased()
    {
        var erased = _pseudonyms.ForErasedCustomer("ada");

        Assert.StartsWith("erased-", erased, StringComparison.Ordinal);
        Assert.Equal(erased, _pseudonyms.ForErasedCustomer("ada"));
        Assert.NotEqual(erased, _pseudonyms.ForErasedCustomer("bob"));
        foreach (var partner in new[] { "erased", "erased-customer", "bikes" })
        {
            Assert.NotEqual(erased["erased-".Length..], _pseudonyms.For("ada", partner)["cust-".Length..]);
        }
    }

    [Fact]
    public void A_partners_name_for_a_customer_is_stable_and_differs_between_partners()
    {
        Assert.Equal(_pseudonyms.For("ada", "bikes"), _pseudonyms.For("ada", "bikes"));
        Assert.NotEqual(_pseudonyms.For("ada", "bikes"), _pseudonyms.For("ada", "banks"));
        Assert.Matches("^cust-[0-9a-f]{20}$", _pseudonyms.For("ada", "bikes"));
    }
}
