using Microsoft.Extensions.Options;

namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>Refuses to start with a sign-in set-up that could not work, naming the setting at fault.</summary>
public sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        var at = SignInOptions.Section;
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add($"{at}:Authority must be the provider's issuer URL, for example https://login.example.com/realms/crm.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            failures.Add($"{at}:Authority is plain http: use https, or set {at}:RequireHttpsMetadata to false for a provider on this machine.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{at}:Audience is required: the audience this API's access tokens name.");
        }

        if (options.CustomerAudience is { } customers && string.Equals(customers.TrimEnd('/'), options.Audience.TrimEnd('/'), StringComparison.Ordinal))
        {
            failures.Add($"{at}:CustomerAudience must differ from {at}:Audience, so a customer's token can never act as staff.");
        }

        // An identity token's audience is the client id: equal to an API audience, it would pass as an access token.
        foreach (var (setting, clientId) in new[] { ("ConsoleClientId", options.ConsoleClientId), ("DashboardClientId", options.DashboardClientId) })
        {
            if (clientId is not null && (clientId == options.Audience || clientId == options.CustomerAudience))
            {
                failures.Add($"{at}:{setting} must differ from the audiences, or its identity tokens would pass as access tokens.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.NameClaim) || string.IsNullOrWhiteSpace(options.CustomerIdClaim))
        {
            failures.Add($"{at}:RoleClaim, {at}:NameClaim and {at}:CustomerIdClaim must name claims.");
        }

        foreach (var (role, values) in options.Roles)
        {
            if (!SignInOptions.StaffRoles.Contains(role))
            {
                failures.Add($"{at}:Roles:{role} is not a staff role; use {string.Join(" or ", SignInOptions.StaffRoles)} (partners use their own keys).");
            }
            else if (values.Count == 0 || values.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{at}:Roles:{role} must list the claim values that grant it.");
            }
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{at}:ClockSkew must be between 00:00:00 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
