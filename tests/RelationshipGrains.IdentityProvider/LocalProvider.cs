using System.Runtime.InteropServices;

namespace RelationshipGrains.IdentityProvider;

/// <summary>
/// Run on its own: a local provider for trying staff and customer sign-in with the embedded silo. A named class, not
/// top-level statements, whose Program would clash with the silo's in the tests that reference both.
/// </summary>
internal static class LocalProvider
{
    public static async Task Main(string[] args)
    {
        // Development only: people and keys made up on the spot and forgotten when it stops.
        var port = args.Length > 0 && int.TryParse(args[0], out var chosen) ? chosen : 5081;
        TestPerson[] people =
        [
            new("ada", "ada-password", "ada-agent", "Ada Agent", ["crm-staff"]),
            new("olu", "olu-password", "olu-operator", "Olu Operator", ["crm-staff", "crm-operators"]),
            new("erin", "erin-password", "erin-customer", "Erin Example", [], Audience: "relationship-grains-customers", CustomerId: "erin"),
        ];
        await using var provider = await TestIdentityProvider.StartAsync(people, signedIn: people[1], port: port);
        Console.WriteLine($"""
            A local sign-in provider for trying RelationshipGrains (development only) is at {provider.Issuer}
            People (type the user name in the console's sign-in field; the dashboard signs in olu):
              ada   Ada Agent, staff (channel)
              olu   Olu Operator, staff (operator)
              erin  Erin Example, the customer 'erin' (My relationships)
            Start the embedded silo with it:
              dotnet run --project src/RelationshipGrains.Silo -- --Auth:SignIn:Authority={provider.Issuer} --Auth:SignIn:RequireHttpsMetadata=false --Auth:SignIn:ConsoleClientId={TestIdentityProvider.ClientId} --Auth:SignIn:ConsoleScope="openid profile offline_access" --Auth:SignIn:DashboardClientId={TestIdentityProvider.ClientId} --Auth:SignIn:CustomerAudience=relationship-grains-customers --Auth:SignIn:Roles:channel:0=crm-staff --Auth:SignIn:Roles:operator:0=crm-operators
            then open http://127.0.0.1:5080/console/. Ctrl+C stops it.
            """);
        // Ctrl+C or a SIGTERM stops it; the provider's own host would otherwise stop alone and leave this waiting.
        var stopped = new TaskCompletionSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(stopped, signal));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(stopped, signal));
        await stopped.Task;


        static void Stop(TaskCompletionSource stopped, PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopped.TrySetResult();
        }
    }
}
