using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Orleans.Configuration;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Client.Security;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Security;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Erp;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// Every setting the silo binds to a typed option, checked for its form before anything binds it. The configuration
/// binder converts values as this does (<see cref="TypeDescriptor"/>), but stops at the first it cannot convert, with
/// a stack trace; this names every one, as the operator types it.
/// </summary>
public static class SettingFormats
{
    private const int MaxDepth = 4;

    private static readonly (string Section, Type Options)[] Bound =
    [
        (SiloOptions.Section, typeof(SiloOptions)), ("Silo:Membership", typeof(ClusterMembershipOptions)),
        ("Silo:GrainDirectory", typeof(GrainDirectoryOptions)), ("Silo:Rebalancer", typeof(ActivationRebalancerOptions)),
        ("Silo:ClientSurface", typeof(ClientSurfaceOptions)), (ClusterTls.Section, typeof(ClusterTlsOptions)),
        (StorageSettings.Section, typeof(StorageSettings)), ("Storage:Compaction", typeof(CompactionPolicy)),
        (TimelineOptions.Section, typeof(TimelineOptions)), (PrivacyOptions.Section, typeof(PrivacyOptions)),
        (CommunityOptions.Section, typeof(CommunityOptions)),
        ("Outbox", typeof(OutboxOptions)), ("Messaging", typeof(Integration.Hosting.MessagingOptions)), ("Webhooks", typeof(WebhookOptions)),
        ("Erp", typeof(ErpOptions)), (ApiKeyOptions.Section, typeof(ApiKeyOptions)), (SignInOptions.Section, typeof(SignInOptions)),
        (InboundSourceOptions.Section, typeof(InboundSourceOptions)), (RateLimitOptions.Section, typeof(RateLimitOptions)),
    ];

    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = Bound.SelectMany(b => Properties(configuration.GetSection(b.Section), b.Options, 0)).Distinct().ToList();
        foreach (var port in new[] { "Silo:SiloPort", "Silo:GatewayPort" })
        {
            if (int.TryParse(configuration[port], out var value) && value is < 1 or > 65_535)
            {
                problems.Add($"{StartupRefusal.Typed(port)} '{value}' is not a port (1 to 65535).");
            }
        }

        return problems;
    }

    private static IEnumerable<string> Properties(IConfigurationSection section, Type type, int depth) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .SelectMany(p => Value(section.GetSection(p.Name), p.PropertyType, depth));

    private static IEnumerable<string> Value(IConfigurationSection setting, Type type, int depth)
    {
        if (!setting.Exists() || depth > MaxDepth)
        {
            return [];
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (setting.Value is { } value)
        {
            return Converts(value, type) ? [] : [$"{StartupRefusal.Typed(setting.Path)} '{value}' is not {Expected(type)}."];
        }

        if (type == typeof(string))
        {
            return [];
        }

        if (ItemType(type) is { } item)
        {
            return setting.GetChildren().SelectMany(c => Value(c, item, depth + 1));
        }

        return type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) ? Properties(setting, type, depth + 1) : [];
    }

    private static bool Converts(string value, Type type)
    {
        if (type == typeof(string) || type == typeof(object))
        {
            return true;
        }

        var converter = TypeDescriptor.GetConverter(type);
        if (!converter.CanConvertFrom(typeof(string)))
        {
            // Nothing the binder could make of a lone value either; a class bound from a section is checked above.
            return true;
        }

        try
        {
            converter.ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The element of a list or array, or the value of a dictionary keyed by strings.</summary>
    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 when typeof(IEnumerable).IsAssignableFrom(type) => arguments[0],
            2 when typeof(IEnumerable).IsAssignableFrom(type) => arguments[1],
            _ => null,
        };
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:30 (hours:minutes:seconds)",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(Uri) => "a URI",
        _ when type.IsEnum => $"one of: {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a {type.Name}",
    };
}
