using Caravan.Core.Credentials;
using Caravan.Core.Migrants;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// The verification page's optional camera scanner. Headless Chromium on Linux has neither a camera nor the browser's
/// QR reader, so both are stood in for in the page: a canvas stream as the camera, and a reader that "sees" a code. What
/// is tested is Caravan's part: the button appears only where scanning can work, and a read code is checked at once.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class VerifyScanJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_scanned_code_is_checked_without_typing_and_browsers_that_cannot_scan_see_no_button()
    {
        var code = CredentialCodes.New();
        await fixture.App.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var person = new Person
            {
                Reference = "SCN-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                Status = PersonStatus.Active,
                Channel = RegistrationChannel.Assisted,
                GivenName = "Zarina",
                FamilyName = "Olimova",
                GivenKey = "ZARINA",
                FamilyKey = "OLIMOVA",
                CreatedAt = now,
                RegisteredAt = now,
                UpdatedAt = now,
            };
            db.Add(person);
            db.Add(new Credential
            {
                Code = code,
                Kind = CredentialKind.TrainingCertificate,
                PersonId = person.Id,
                SubjectId = Guid.NewGuid(),
                Initials = "Z. O.",
                About = "RightsAndLaw RU",
                On = DateOnly.FromDateTime(now),
                Token = "not-checked-here",
                IssuedAt = now,
            });
            return await db.SaveChangesAsync();
        });

        var plain = await fixture.NewPageAsync(acceptLanguage: "kk");
        await plain.GotoAsync("/verify");
        (await plain.Locator("#verify-scan").IsHiddenAsync()).ShouldBeTrue();

        var page = await fixture.NewPageAsync(acceptLanguage: "kk");
        await page.AddInitScriptAsync($$"""
            window.BarcodeDetector = class { async detect() { return [{ rawValue: "{{code}}" }]; } };
            navigator.mediaDevices.getUserMedia = async () => {
              const canvas = document.createElement("canvas");
              canvas.getContext("2d").fillRect(0, 0, 10, 10);
              return canvas.captureStream(5);
            };
            """);
        await page.GotoAsync("/verify");
        await page.InspectAsync("verify-scan-kk");
        await page.ClickAsync("#verify-scan-start");
        await page.WaitForSelectorAsync("#verify-result");
        (await page.GetAttributeAsync("#verify-result", "data-state")).ShouldBe("Valid");
        (await page.InnerTextAsync("#verify-result")).ShouldContain("Z. O.");
    }
}
