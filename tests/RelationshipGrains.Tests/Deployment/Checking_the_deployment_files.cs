using Microsoft.Extensions.Configuration;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Deployment;

/// <summary>No Kubernetes or Docker runs here, so the manifests are parsed and checked against each other and the app.</summary>
public sealed class Checking_the_deployment_files
{
    private static Dictionary<object, object> Manifest(string file) => DeploymentFiles.Read("kubernetes", file);

    [Fact]
    public void Kustomize_lists_every_manifest_and_each_names_its_kind()
    {
        var listed = Manifest("kustomization.yaml").List("resources").Cast<string>().Order().ToList();
        var present = Directory.GetFiles(DeploymentFiles.Path("kubernetes"), "*.yaml").Select(f => Path.GetFileName(f))
            .Where(f => f != "kustomization.yaml").Order().ToList();
        Assert.Equal(present, listed);
        Assert.All(listed, file =>
        {
            var manifest = Manifest(file);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Text("apiVersion")), file);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Text("kind")), file);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Map("metadata").Text("name")), file);
        });
    }

    [Fact]
    public void The_deployment_probes_the_health_endpoints_and_runs_the_production_profile_on_kubernetes()
    {
        var pod = Manifest("deployment.yaml").Map("spec").Map("template");
        var container = (Dictionary<object, object>)pod.Map("spec").List("containers").Single();
        var ports = container.List("ports").Cast<Dictionary<object, object>>().Select(p => p.Text("name")).ToList();
        Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Text("path"));
        Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Text("path"));
        Assert.Contains(container.Map("readinessProbe").Map("httpGet").Text("port"), ports);

        var environment = container.List("env").Cast<Dictionary<object, object>>()
            .Where(e => e.ContainsKey("value")).ToDictionary(e => e.Text("name"), e => e.Text("value"));
        Assert.Equal(ProductionProfile.Name, environment["Silo__Profile"]);
        Assert.Equal("true", environment["Silo__Kubernetes"]);
        Assert.Equal(TlsTermination.Proxy, environment["Http__TlsTermination"]);
        var labels = pod.Map("metadata").Map("labels").Strings();
        Assert.Equal(labels["orleans/clusterId"], environment["Silo__ClusterId"]);
        Assert.Equal(labels["orleans/serviceId"], environment["Silo__ServiceId"]);
        Assert.Equal(Manifest("service-account.yaml").Map("metadata").Text("name"), pod.Map("spec").Text("serviceAccountName"));
    }

    [Fact]
    public void The_service_budget_and_autoscaler_all_select_the_silo_pods()
    {
        var deployment = Manifest("deployment.yaml");
        var podLabels = deployment.Map("spec").Map("template").Map("metadata").Map("labels").Strings();
        var containerPorts = ((Dictionary<object, object>)deployment.Map("spec").Map("template").Map("spec").List("containers").Single())
            .List("ports").Cast<Dictionary<object, object>>().Select(p => p.Text("name")).ToList();

        var service = Manifest("service.yaml").Map("spec");
        Assert.All(service.Map("selector").Strings(), l => Assert.Equal(l.Value, podLabels[l.Key]));
        Assert.All(service.List("ports").Cast<Dictionary<object, object>>(), p => Assert.Contains(p.Text("targetPort"), containerPorts));

        Assert.All(Manifest("pod-disruption-budget.yaml").Map("spec").Map("selector").Map("matchLabels").Strings(),
            l => Assert.Equal(l.Value, podLabels[l.Key]));
        var target = Manifest("horizontal-pod-autoscaler.yaml").Map("spec").Map("scaleTargetRef");
        Assert.Equal(deployment.Text("kind"), target.Text("kind"));
        Assert.Equal(deployment.Map("metadata").Text("name"), target.Text("name"));

        var binding = Manifest("role-binding.yaml");
        Assert.Equal(Manifest("role.yaml").Map("metadata").Text("name"), binding.Map("roleRef").Text("name"));
        Assert.Equal(Manifest("service-account.yaml").Map("metadata").Text("name"), ((Dictionary<object, object>)binding.List("subjects").Single()).Text("name"));
    }

    [Fact]
    public void Docker_compose_runs_three_silos_whose_settings_the_production_profile_accepts()
    {
        var services = DeploymentFiles.Read("docker-compose.yml").Map("services");
        var silos = services.Where(s => ((string)s.Key).StartsWith("silo", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, silos.Count);
        Assert.All(silos, silo =>
        {
            var definition = (Dictionary<object, object>)silo.Value;
            Assert.True(File.Exists(Path.Combine(Repository.Root(), definition.Map("build").Text("dockerfile"))));
            Assert.Equal(["azurite", "certificates", "rabbitmq"], definition.Map("depends_on").Keys.Cast<string>().Order());
            var settings = definition.Map("environment").Strings().ToDictionary(e => e.Key.Replace("__", ":"), e => (string?)e.Value);

            // The certificate files are made when compose runs (its certificates service); stand in ones that exist here.
            Assert.All(["Silo:Tls:CertificateFile", "Silo:Tls:KeyFile", "Silo:Tls:CaFile"], key => Assert.StartsWith("/certificates/", settings[key], StringComparison.Ordinal));
            var standIns = Configuration.ProductionConfiguration.Build().GetSection("Silo:Tls");
            foreach (var file in standIns.GetChildren())
            {
                settings[file.Path] = file.Value;
            }

            ProductionSettings.ThrowIfIncomplete(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

            // Plain HTTP with a key written in this file: published on every interface, it had left the machine.
            Assert.All(definition.List("ports").Cast<string>(), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
            // The image's /bin/sh is dash, which has no /dev/tcp: under CMD-SHELL every silo showed as unhealthy.
            Assert.Equal(["CMD", "bash", "-c"], definition.Map("healthcheck").List("test").Cast<string>().Take(3));
        });
    }

    [Fact]
    public void The_dockerfile_publishes_and_starts_the_silo()
    {
        var dockerfile = File.ReadAllText(DeploymentFiles.Path("docker", "Dockerfile"));
        Assert.Contains("dotnet publish src/RelationshipGrains.Silo/RelationshipGrains.Silo.csproj", dockerfile);
        Assert.True(File.Exists(Path.Combine(Repository.Root(), "src", "RelationshipGrains.Silo", "RelationshipGrains.Silo.csproj")));
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{typeof(ProductionProfile).Assembly.GetName().Name}.dll\"]", dockerfile);
    }

    [Fact]
    public void A_production_silo_missing_its_services_refuses_to_start_naming_each_setting_as_one_types_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var refusal = Assert.Throws<StartupRefusal>(() => ProductionSettings.ThrowIfIncomplete(configuration));
        string[] expected =
        [
            "Storage__Provider", "Storage__AzureBlob__ConnectionString", "Messaging__Transport", "Messaging__RabbitMq__Username",
            "Messaging__RabbitMq__Password", "Auth__Keys", "Privacy__PseudonymSecret", "Http__TlsTermination", "Silo__Tls__CertificateFile", "Silo__Tls__CaFile",
        ];
        Assert.Equal(expected.Length, refusal.Problems.Count);
        Assert.All(expected, setting => Assert.Single(refusal.Problems, p => p.StartsWith(setting, StringComparison.Ordinal) || p.Contains(" " + setting, StringComparison.Ordinal)));
        Assert.DoesNotContain(refusal.Problems, p => p.Contains("Storage:", StringComparison.Ordinal) || p.Contains("Messaging:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silo_process_refusing_to_start_prints_one_plain_message_and_exits_with_code_1()
    {
        var logs = Directory.CreateTempSubdirectory("rg-refusal-").FullName;
        await using var silo = SiloProcess.Start("refusing", new Dictionary<string, string>
        {
            ["Silo__Profile"] = "Production",
            ["Messaging__Transport"] = "RabbitMq",
            ["Silo__Tls__CaFile"] = "/nowhere/ca.crt",
        }, logs);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var output = File.ReadAllText(silo.LogPath);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("The silo cannot start:", output.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Messaging__RabbitMq__Password is missing", output);
        Assert.Contains("Silo__Tls__CaFile: no file at '/nowhere/ca.crt'", output);
        Assert.DoesNotContain("Messaging__Transport", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
    }
}
