namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// The configuration section <c>Storage</c>: <c>Provider</c> is <c>Memory</c> (the default, state lost at exit) or
/// <c>AzureBlob</c>, configured under <c>Storage:AzureBlob</c> with <c>ConnectionString</c> (or <c>ServiceUri</c>,
/// authenticated as the machine's Azure identity) and <c>ContainerName</c>.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";
    public const string Memory = "Memory";
    public const string AzureBlob = "AzureBlob";

    public string Provider { get; set; } = Memory;
}
