using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("RelationshipGrains.Client.Cluster")]

namespace RelationshipGrains.Client;

/// <summary>
/// Registered by RelationshipGrains.Client.Cluster once it has applied the TLS and membership-table settings, so a
/// client configured for a production cluster without that package fails at start instead of connecting in the clear.
/// </summary>
internal sealed class ClusterConnectionApplied;
