using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// Replicas share one key ring on a shared path; with DataProtection:CertificatePath set, its keys (and the lookup key they
/// wrap) are encrypted at rest, so neither the database nor the shared folder alone reveals a protected value.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_configured_certificate_encrypts_the_key_ring_at_rest_and_a_second_process_reads_it()
    {
        var dir = Directory.CreateTempSubdirectory("caravan-keyring-");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Caravan key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(dir.FullName, "keyring.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["DataProtection:KeysPath"] = Path.Combine(dir.FullName, "keys"),
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "test-password",
        };

        await using var first = new CaravanApp(DatabaseProvider.Sqlite, settings);
        var cipher = first.Services.GetRequiredService<SensitiveData>().Protect("AB1234567");
        var keyFiles = Directory.GetFiles(Path.Combine(dir.FullName, "keys"), "key-*.xml");
        keyFiles.ShouldNotBeEmpty();
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            xml.ShouldContain("EncryptedData");
            xml.ShouldNotContain("<value>");
        }

        // Another process on the same shared path and certificate reads what the first wrote, as a second replica would.
        await using var second = new CaravanApp(DatabaseProvider.Sqlite, settings, connectionString: first.ConnectionString);
        second.Services.GetRequiredService<SensitiveData>().Unprotect(cipher).ShouldBe("AB1234567");
        second.Services.GetRequiredService<SensitiveData>().LookupHash("AB1234567").ShouldBe(first.Services.GetRequiredService<SensitiveData>().LookupHash("AB1234567"));

        // The lookup key beside the ring is wrapped by it, so the certificate covers it too.
        var lookupFile = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "keys", SensitiveData.LookupKeyFile));
        Convert.FromBase64String(lookupFile).Length.ShouldBeGreaterThan(32);
    }
}
