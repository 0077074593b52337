namespace RelationshipGrains.Ideas;

/// <summary>
/// The counts fitness is made of. <c>finalNet</c> is the net of the final ballot members cast while the idea
/// was shortlisted; a shortlisted idea is selected only if it is positive. <c>askers</c> counts the distinct
/// customers whose conversations are evidence for it, kept apart from votes.
/// </summary>
/// <param name="Supporters">Members voting +1.</param>
/// <param name="ExpertSupporters">Of those, how many were experts when they voted.</param>
/// <param name="Opposers">Members voting -1.</param>
/// <param name="ExpertOpposers">Of those, how many were experts when they voted.</param>
/// <param name="Comments">How many comments the idea has.</param>
/// <param name="FinalNet">The sum of the final ballot (+1 and -1 votes cast since the idea was last shortlisted).</param>
/// <param name="Askers">How many distinct customers (or social authors) are evidence for the idea.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaTally")]
public sealed record IdeaTally(
    [property: Id(0)] int Supporters,
    [property: Id(1)] int ExpertSupporters,
    [property: Id(2)] int Opposers,
    [property: Id(3)] int ExpertOpposers,
    [property: Id(4)] int Comments,
    [property: Id(5)] int FinalNet,
    [property: Id(6)] int Askers = 0);
