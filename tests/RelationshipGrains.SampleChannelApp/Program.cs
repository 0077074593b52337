using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Client;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Naming;

// A web chat's back end in miniature: one customer's conversation through the grain client. Settings come from the
// usual places, e.g. RelationshipGrains__Client__Gateways__0=127.0.0.1:30000, Sample__CustomerId, Sample__PartnerId.
// Against a production cluster (mutual TLS, gateways from its membership table) add the package
// RelationshipGrains.Client.Cluster and write AddRelationshipGrainsClient(orleans => orleans.UseRelationshipGrainsCluster()).
var builder = Host.CreateApplicationBuilder(args);
builder.AddRelationshipGrainsClient();
using var host = builder.Build();

try
{
    await host.StartAsync();
}
catch (RelationshipUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var grains = host.Services.GetRequiredService<IRelationshipGrains>();
var customerId = builder.Configuration["Sample:CustomerId"] ?? "sample-customer";
var partnerId = builder.Configuration["Sample:PartnerId"];
var customer = grains.Customer(customerId);

// Record, then retry as a chat widget would after a dropped connection: the id makes the retry harmless.
var hello = new RecordInteraction("chat-1", Channel.Chat, Direction.Inbound, Author.Customer, "Hi! Is the green cargo bike in stock?");
var first = await customer.RecordInteractionAsync(hello);
var retry = await customer.RecordInteractionAsync(hello);
Console.WriteLine($"recorded chat-1 as #{first.Entry.Sequence} (created: {first.Created}); the retry answered #{retry.Entry.Sequence} (created: {retry.Created})");

// Follow the conversation live while staff answer.
using var following = new CancellationTokenSource(TimeSpan.FromSeconds(30));
var answer = Task.Run(async () =>
{
    await foreach (var entry in customer.WatchTimelineAsync(first.Entry.Sequence, following.Token))
    {
        return entry;
    }

    throw new InvalidOperationException("The live feed ended without the answer.");
});
await customer.RecordInteractionAsync(new RecordInteraction("chat-2", Channel.Chat, Direction.Outbound, new Author(AuthorKind.Staff, "sam"),
    "Yes, two left in our Leeds store."));
var followed = await answer;
Console.WriteLine($"followed #{followed.Sequence} live: {followed.Text}");

var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0));
Console.WriteLine($"read {page.Entries.Count} entries");

var intent = await customer.ExpressIntentAsync(new ExpressIntent("want-bike", "A green cargo bike for two children", "bikes", null, null, ["electric"]));
Console.WriteLine($"intent {intent.IntentId} is {Kebab.Of(intent.Status)}");

if (partnerId is not null)
{
    var grant = await customer.GrantConsentAsync(new GrantConsent(partnerId, [ConsentScope.Profile]));
    Console.WriteLine($"consent to {grant.PartnerId}: {string.Join(", ", grant.Scopes.Select(Kebab.Of))}");
}

await host.StopAsync();
return 0;
