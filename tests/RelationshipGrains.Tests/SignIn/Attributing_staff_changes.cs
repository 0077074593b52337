using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;
using static RelationshipGrains.Tests.Infrastructure.SignInFixture;

namespace RelationshipGrains.Tests.SignIn;

[Collection(SignInCollection.Name)]
public sealed class Attributing_staff_changes(SignInFixture signIn)
{
    [Fact]
    public async Task Every_change_a_signed_in_person_makes_outside_customers_routes_names_them_for_operators()
    {
        using var agent = await signIn.SignedIn(Agent);
        using var supervisor = await signIn.SignedIn(Supervisor);
        var key = signIn.Api.ClientWithKey(ApiFixture.ChannelKey);
        var slug = Keys.Customer("audited");
        var community = $"/api/v1/communities/{slug}";
        var moderator = Keys.Customer("staff");
        var member = Keys.Customer("m");
        var another = Keys.Customer("m");
        var idea = Keys.Customer("idea");

        await Ok(supervisor.PutAsync(community, JsonContent.Create(new { name = "Audited", topics = new[] { "chairs" }, staff = new[] { moderator } })));
        await Ok(Post(key, $"{community}/members", new { customerId = member }));
        await Ok(Post(key, $"{community}/members", new { customerId = another }));
        await Ok(Post(agent, $"{community}/ideas", new { customerId = member, ideaId = idea, title = "Folding chair" }), HttpStatusCode.Created);
        await Ok(agent.GetAsync($"/api/v1/ideas/{idea}"));
        await Ok(Post(agent, $"/api/v1/ideas/{idea}/status", new { actorId = moderator, status = "culled", reason = "A duplicate of the stool" }));
        await Ok(supervisor.DeleteAsync($"{community}/members/{member}"), HttpStatusCode.NoContent);
        await Ok(supervisor.DeleteAsync($"{community}/members/{another}"), HttpStatusCode.NoContent);
        var refused = await agent.GetAsync("/api/v1/operations/staff-actions");

        var log = (await Ok(supervisor.GetAsync("/api/v1/operations/staff-actions"))).EnumerateArray()
            .Where(a => a.GetProperty("what").GetString()!.Contains(slug, StringComparison.Ordinal) || a.GetProperty("what").GetString()!.Contains(idea, StringComparison.Ordinal))
            .Select(a => (Subject: a.GetProperty("subject").GetString(), Name: a.GetProperty("name").GetString(), What: a.GetProperty("what").GetString()))
            .ToList();

        // Newest first; the key's join and the agent's read are not changes by a person. The organisation's log outlives
        // an erasure, so it names no customer, and each change is listed though the two read alike; the customer's own
        // log, which goes with them, has the change.
        Assert.Equal(
            [
                (Supervisor.Subject, "Olu Supervisor", $"Leave a community (DELETE {community}/members/{{customerId}})"),
                (Supervisor.Subject, "Olu Supervisor", $"Leave a community (DELETE {community}/members/{{customerId}})"),
                (Agent.Subject, "Ada Agent", $"Move an idea on (POST /api/v1/ideas/{idea}/status)"),
                (Agent.Subject, "Ada Agent", $"Propose an idea (POST {community}/ideas)"),
                (Supervisor.Subject, "Olu Supervisor", $"Create or configure a community (PUT {community})"),
            ],
            log);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var theirs = Assert.Single((await Ok(supervisor.GetAsync($"/api/v1/customers/{member}/staff-access"))).EnumerateArray());
        Assert.Equal((Supervisor.Subject, $"Leave a community (DELETE {community}/members/{member})"),
            (theirs.GetProperty("subject").GetString(), theirs.GetProperty("what").GetString()));
    }

    [Fact]
    public async Task An_erasure_by_staff_stays_in_the_organisations_log_naming_no_one_after_the_customers_own_log_goes()
    {
        using var supervisor = await signIn.SignedIn(Supervisor);
        var customer = Keys.Customer("erased");
        await Ok(Post(signIn.Api.ClientWithKey(ApiFixture.ChannelKey), $"/api/v1/customers/{customer}/interactions",
            new { interactionId = "hello", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hello" }), HttpStatusCode.Created);

        await Ok(supervisor.DeleteAsync($"/api/v1/customers/{customer}"));

        var log = (await Ok(supervisor.GetAsync("/api/v1/operations/staff-actions"))).EnumerateArray()
            .Select(a => (Subject: a.GetProperty("subject").GetString(), What: a.GetProperty("what").GetString())).ToList();
        Assert.Equal((Supervisor.Subject, "Erase a customer (DELETE /api/v1/customers/{customerId})"), log[0]);
        Assert.DoesNotContain(log, a => a.What!.Contains(customer, StringComparison.Ordinal));
        Assert.Empty((await Ok(supervisor.GetAsync($"/api/v1/customers/{customer}/staff-access"))).EnumerateArray());
    }

    [Fact]
    public async Task The_contract_is_for_those_who_build_on_the_api_not_for_customers_or_people_without_a_role()
    {
        using var erin = await signIn.SignedIn(Erin);
        using var marketer = await signIn.SignedIn(Marketer);
        using var agent = await signIn.SignedIn(Agent);

        var customer = await erin.GetAsync("/openapi/v1.json");
        var roleless = await marketer.GetAsync("/openapi/v1.json");
        var staff = await Ok(agent.GetAsync("/openapi/v1.json"));
        var partner = await Ok(signIn.Api.ClientWithKey(ApiFixture.PartnerKey).GetAsync("/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, roleless.StatusCode);
        Assert.Equal("3.1.1", staff.GetProperty("openapi").GetString());
        Assert.Equal(staff.GetProperty("paths").GetRawText(), partner.GetProperty("paths").GetRawText());
    }
}
