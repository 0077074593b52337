using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Silo.Hosting;
using RelationshipGrains.Silo.Observability;

try
{
    // The content root is where appsettings.json is read from, and it defaults to the current directory: started from
    // anywhere else (infra/cluster.sh, a service manager), the silo ran without its settings' defaults and logged six
    // Information lines per HTTP request. The file is beside the dll, in the build output as in a published silo.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    StartupChecks.ThrowIfAny(builder.Configuration);
    builder.AddRelationshipGrainsSilo();
    builder.AddRelationshipGrainsObservability();
    builder.Services.AddRelationshipGrainsApi(builder.Configuration);

    var app = builder.Build();

    // The options validators the host would run as it starts, run first: a failure is then the one message below,
    // not a "Hosting failed to start" log line with a stack trace before it.
    app.Services.GetService<IStartupValidator>()?.Validate();
    // Likewise the data folder (local-file storage): a second silo on it is refused with one line.
    app.Services.GetService<DataFolderLock>()?.Take();
    app.UseTlsTermination();
    app.MapRelationshipGrainsApi();
    app.MapRelationshipGrainsOperations();
    // Taken before Run, which disposes the services: the bus stops the silo when the broker refuses it at start (it
    // has logged why), and that is a failed run.
    var bus = app.Services.GetService<BusStartOutcome>();
    app.Run();
    return bus?.Refusal is null ? 0 : 1;
}
catch (StartupRefusal refusal)
{
    // A configuration mistake is the operator's to fix: one plain message naming every setting, no stack trace.
    Console.Error.WriteLine(refusal.Message);
    return 1;
}
catch (Exception e) when (StartupRefusal.From(e) is { } refusal)
{
    Console.Error.WriteLine(refusal.Message);
    return 1;
}

/// <summary>Visible to tests so they can host the whole silo with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
