namespace RelationshipGrains;

/// <summary>
/// A grain method channel apps may call through the grain client. A silo refuses, from external grain clients, every
/// method of our grains without it: those are meant for other grains, partners, the back office or operators, who
/// reach them through the HTTP API where their role is checked.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ChannelSurfaceAttribute : Attribute;
