using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Recording_interactions(ClusterFixture fixture)
{
    private ICustomerGrain NewCustomer() => fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());

    [Fact]
    public async Task The_first_interaction_gets_sequence_one_and_is_created()
    {
        var customer = NewCustomer();

        var result = await customer.RecordInteractionAsync(Requests.Interaction("i-1", "Where is my parcel?"));

        Assert.True(result.Created);
        Assert.Equal(1, result.Entry.Sequence);
        Assert.Equal("Where is my parcel?", result.Entry.Text);
        Assert.Equal(TimelineEntryKind.Interaction, result.Entry.Kind);
        Assert.Equal(fixture.Time.GetUtcNow(), result.Entry.RecordedAt);
    }

    [Fact]
    public async Task A_retry_with_the_same_interaction_id_returns_the_first_result_and_adds_nothing()
    {
        var customer = NewCustomer();
        var first = await customer.RecordInteractionAsync(Requests.Interaction("retry-1"));
        fixture.Time.Advance(TimeSpan.FromSeconds(5));

        var again = await customer.RecordInteractionAsync(Requests.Interaction("retry-1"));

        Assert.False(again.Created);
        Assert.Equal(first.Entry, again.Entry);
        var page = await customer.GetTimelineAsync(new TimelineQuery());
        Assert.Single(page.Entries);
    }

    [Fact]
    public async Task Reusing_an_interaction_id_for_different_content_is_a_conflict_and_changes_nothing()
    {
        var customer = NewCustomer();
        await customer.RecordInteractionAsync(Requests.Interaction("dup", "first text"));

        await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.RecordInteractionAsync(Requests.Interaction("dup", "other text")));

        var page = await customer.GetTimelineAsync(new TimelineQuery());
        Assert.Equal("first text", Assert.Single(page.Entries).Text);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_get_gap_free_increasing_sequences()
    {
        var customer = NewCustomer();

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => customer.RecordInteractionAsync(Requests.Interaction($"w-{i}", $"message {i}"))));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(r => r.Entry.Sequence).Order());
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
        Assert.Equal(50, page.Entries.Select(e => e.EntryId).Distinct().Count());
    }

    public static TheoryData<string, RecordInteraction> InvalidInteractions => new()
    {
        { "interactionId", Requests.Interaction() with { InteractionId = "" } },
        { "interactionId", Requests.Interaction() with { InteractionId = "has space" } },
        { "interactionId", Requests.Interaction() with { InteractionId = "line-break\n" } },
        { "channel", Requests.Interaction() with { Channel = null } },
        { "channel", Requests.Interaction() with { Channel = (Channel)42 } },
        { "direction", Requests.Interaction() with { Direction = null } },
        { "author", Requests.Interaction() with { Author = null } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Staff) } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Customer, "someone") } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Staff, "ada agent") } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Staff, "ada\n") } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Staff, new string('s', 256)) } },
        { "author.id", Requests.Interaction() with { Author = new Author(AuthorKind.Partner, "Velo|Works") } },
        { "author.name", Requests.Interaction() with { Author = new Author(AuthorKind.Customer, Name: "Erin") } },
        { "author.name", Requests.Interaction() with { Author = new Author(AuthorKind.Staff, "00uAda|7f3K", new string('n', 201)) } },
        { "text", Requests.Interaction() with { Text = " " } },
        { "text", Requests.Interaction() with { Text = new string('x', 8_001) } },
        { "text", Requests.Interaction() with { Text = "bell\u0007" } },
        { "topic", Requests.Interaction() with { Topic = new string('t', 201) } },
        { "kind", Requests.Interaction() with { Kind = TimelineEntryKind.ConsentGranted } },
        { "status", Requests.Interaction() with { Status = "open" } },
        { "status", Requests.Interaction() with { Kind = TimelineEntryKind.ServiceCase, Status = "won" } },
    };

    [Theory]
    [MemberData(nameof(InvalidInteractions))]
    public async Task Invalid_input_names_the_field_and_changes_nothing(string field, RecordInteraction interaction)
    {
        var customer = NewCustomer();
        await customer.RecordInteractionAsync(Requests.Interaction("before"));

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.RecordInteractionAsync(interaction));

        Assert.Equal(field, error.Field);
        var page = await customer.GetTimelineAsync(new TimelineQuery());
        Assert.Equal(1, page.LatestSequence);
    }

    [Fact]
    public async Task A_customer_flooding_the_timeline_is_held_back_for_the_rest_of_the_minute_and_nothing_is_recorded()
    {
        var customer = NewCustomer();
        for (var i = 0; i < ClusterFixture.InteractionsPerMinute; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"flood-{i}"));
        }

        var refused = await Assert.ThrowsAsync<RelationshipRateLimitedException>(() => customer.RecordInteractionAsync(Requests.Interaction("one-more")));
        var retryOfRecorded = await customer.RecordInteractionAsync(Requests.Interaction($"flood-{ClusterFixture.InteractionsPerMinute - 1}"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await customer.RecordInteractionAsync(Requests.Interaction("one-more"));

        Assert.InRange(refused.RetryAfterSeconds, 1, 60);
        Assert.False(retryOfRecorded.Created);
        Assert.Equal(ClusterFixture.InteractionsPerMinute + 1, later.Entry.Sequence);
    }

    [Fact]
    public async Task Text_of_exactly_the_limit_is_accepted()
    {
        var result = await NewCustomer().RecordInteractionAsync(Requests.Interaction(text: new string('x', 8_000)));

        Assert.Equal(8_000, result.Entry.Text!.Length);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("UPPER")]
    [InlineData("a/b")]
    [InlineData("bob\n")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_malformed_customer_id_is_refused(string id)
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.RecordInteractionAsync(Requests.Interaction()));

        Assert.Equal("customerId", error.Field);
    }

    [Fact]
    public void An_id_may_hold_dots_but_not_be_a_path_step_as_its_published_pattern_says()
    {
        // A journal's blob is named "<type>/<id>/log": Azure reads a segment of ".." as a step up, so customer ".." and
        // community ".." would both have written the blob "log". Ids ending in '.' stay valid: data is stored under them.
        var pattern = new System.Text.RegularExpressions.Regex(Check.IdPatternText);
        string[] ids = ["a.b", "acme.", "...", ".hidden", "..", ".", "a/.."];

        Assert.Equal([true, true, true, true, false, false, false], ids.Select(Check.IsId));
        Assert.Equal(ids.Select(Check.IsId), ids.Select(id => pattern.IsMatch(id)));
        Assert.Equal("acme.", Check.Id("acme.", "customerId"));
        Assert.Equal("customerId may not be '.' or '..'.", Assert.Throws<RelationshipValidationException>(() => Check.Id("..", "customerId")).Message);
    }

    [Fact]
    public async Task A_callers_id_that_names_an_entry_the_system_makes_is_refused_and_the_case_it_named_is_recorded_as_a_case()
    {
        var customer = NewCustomer();
        var recorded = await customer.RecordInteractionAsync(Requests.Interaction("chat-1"));

        var asCase = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.RecordInteractionAsync(Requests.Interaction("case:c-42")));
        var asNotice = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.RecordInteractionAsync(Requests.Interaction("vc:step-1")));
        var asMessage = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.ChangeEntryStatusAsync(
            new ChangeEntryStatus("msg:0f8fad5bd9cb469fa16570867728950e", recorded.Entry.Sequence, "resolved", new Author(AuthorKind.Staff, "agent-7"))));
        // Taken first, "case:c-42" was the case: its update was refused ("an interaction has no status") and, from the
        // bus, the case was lost.
        var opened = await customer.Stewardship().ApplyBackOfficeUpdateAsync(new BackOfficeUpdate(
            Guid.NewGuid(), TimelineEntryKind.ServiceCase, "c-42", Channel.Email, Direction.Inbound, "My parcel is late", null, null, null, fixture.Time.GetUtcNow()));
        var page = await customer.GetTimelineAsync(new TimelineQuery());

        Assert.Equal(("interactionId", "interactionId may not start with 'case:': ids starting with " + ReservedEntryIds.Listed + " name entries the system makes."),
            (asCase.Field, asCase.Message));
        Assert.Equal("interactionId", asNotice.Field);
        Assert.Equal("requestId", asMessage.Field);
        Assert.Equal((2L, TimelineEntryKind.ServiceCase, "case:c-42", "open"), (opened.Entry.Sequence, opened.Entry.Kind, opened.Entry.EntryId, opened.Entry.Status));
        Assert.Equal(2, page.LatestSequence);
        // Prefixes are whole words before the colon: these are a caller's.
        Assert.True((await customer.RecordInteractionAsync(Requests.Interaction("cases:1"))).Created);
        Assert.True((await customer.RecordInteractionAsync(Requests.Interaction("my-case:1"))).Created);
    }

    [Fact]
    public void The_published_entry_id_pattern_refuses_what_the_check_refuses()
    {
        var pattern = new System.Text.RegularExpressions.Regex(ReservedEntryIds.PatternText);
        string[] ids = ["case:1", "touch:x", "msg:1", "vc:1", "community:1", "idea:1", "consent:1", "intent:1", "offer:1", "profile:1",
            "cases:1", "my-case:1", "CASE:1", "case", "hello-1", ":case:1"];

        static bool Refused(string id)
        {
            try
            {
                ReservedEntryIds.RefuseFromCaller(id, "interactionId");
                return false;
            }
            catch (RelationshipValidationException)
            {
                return true;
            }
        }

        Assert.Equal(ids.Select(id => !pattern.IsMatch(id)), ids.Select(Refused));
        Assert.Equal(10, ids.Count(Refused));
    }

    [Fact]
    public async Task A_service_case_starts_open_and_its_status_changes_are_timeline_entries()
    {
        var customer = NewCustomer();
        var opened = await customer.RecordInteractionAsync(Requests.Interaction("case-1") with { Kind = TimelineEntryKind.ServiceCase });

        var change = new ChangeEntryStatus("case-1-resolved", opened.Entry.Sequence, "resolved", new Author(AuthorKind.Staff, "agent-7"), "Refund issued");
        var changed = await customer.ChangeEntryStatusAsync(change);
        var retried = await customer.ChangeEntryStatusAsync(change);

        Assert.Equal("open", opened.Entry.Status);
        Assert.Equal(TimelineEntryKind.StatusChanged, changed.Entry.Kind);
        Assert.Equal(opened.Entry.Sequence, changed.Entry.RelatesTo);
        Assert.False(retried.Created);
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0));
        Assert.Equal(["resolved", "resolved"], page.Entries.Select(e => e.Status));
        Assert.Equal(2, page.LatestSequence);
    }

    [Fact]
    public async Task A_status_that_does_not_belong_to_the_entry_kind_is_refused()
    {
        var customer = NewCustomer();
        var deal = await customer.RecordInteractionAsync(Requests.Interaction() with { Kind = TimelineEntryKind.SalesOpportunity });
        var chat = await customer.RecordInteractionAsync(Requests.Interaction());

        var wrongStatus = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ChangeEntryStatusAsync(new ChangeEntryStatus("r1", deal.Entry.Sequence, "resolved", Author.System)));
        var noStatus = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ChangeEntryStatusAsync(new ChangeEntryStatus("r2", chat.Entry.Sequence, "open", Author.System)));
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() =>
            customer.ChangeEntryStatusAsync(new ChangeEntryStatus("r3", 99, "open", Author.System)));

        Assert.Equal("status", wrongStatus.Field);
        Assert.Equal(("sequence", $"Entry {chat.Entry.Sequence} is an interaction, which has no status."), (noStatus.Field, noStatus.Message));
        Assert.Equal(2, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }
}
