using RelationshipGrains.Customers;
using RelationshipGrains.Partners;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Registers partners in a category of their own, so tests sharing a cluster never match each other's partners.</summary>
public sealed class PartnerWorld(IGrainFactory grains)
{
    public string Category { get; } = $"cat-{Guid.NewGuid():N}"[..20];

    public async Task<string> Partner(string name, Dictionary<string, double>? values = null, string? category = null)
    {
        var id = Keys.Customer(name);
        await grains.GetGrain<IPartnerGrain>(id).AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner(name, [category ?? Category], values));
        return id;
    }

    public async Task<ICustomerGrain> Customer(Dictionary<string, double>? values = null)
    {
        var customer = grains.GetGrain<ICustomerGrain>(Keys.Customer());
        if (values is not null)
        {
            await customer.SetValuesAsync(new ValuesProfile(values));
        }

        return customer;
    }

    public ExpressIntent Intent(string id = "want") => new(id, "Two cargo bikes for a school run", Category,
        new Money(6_000, "EUR"), null, ["electric"]);

    public static OfferTerms Offer(decimal price = 100, int days = 5, params string[] certifications) =>
        new(new Money(price, "EUR"), days, certifications, "Pay on delivery");
}
