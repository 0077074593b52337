using RelationshipGrains.Customers;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Tests.Customers;

public sealed class Checking_back_office_updates
{
    [Fact]
    public void A_subject_id_too_long_for_its_entry_id_is_refused_naming_the_subject_not_a_field_the_sender_never_sent()
    {
        var longest = Update(new string('c', BackOfficeUpdate.MaxSubjectIdLength));
        var tooLong = Update(new string('c', BackOfficeUpdate.MaxSubjectIdLength + 1));

        longest.Validate();
        var refused = Assert.Throws<RelationshipValidationException>(tooLong.Validate);

        Assert.Equal(128, longest.SubjectEntryId!.Length);
        Assert.Equal("subjectId", refused.Field);
    }

    private static BackOfficeUpdate Update(string subjectId) => new(Guid.NewGuid(), TimelineEntryKind.MarketingTouch, subjectId,
        Channel.Email, Direction.Outbound, "Spring catalogue sent", null, null, null, DateTimeOffset.UtcNow);
}
