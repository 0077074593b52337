using Orleans.Journaling;
using RelationshipGrains.Auditing;

namespace RelationshipGrains.Grains.Auditing;

/// <summary>The organisation-wide log of staff changes outside customers' routes; see <see cref="IStaffActionLogGrain"/>.</summary>
public sealed class StaffActionLogGrain(IDurableStateManager journal) : StaffLog(journal, IStaffActionLogGrain.Size), IStaffActionLogGrain;
