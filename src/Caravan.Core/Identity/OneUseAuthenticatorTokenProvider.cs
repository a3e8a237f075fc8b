using Caravan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity;

/// <summary>
/// Identity's authenticator (TOTP) provider, narrowed. Identity's own accepts a code for two time steps either side of
/// now and keeps no record of use, so a code seen over a shoulder or in a proxy works again for about two and a half
/// minutes. This one accepts the current step and the one before (a code typed as it turned over) and no later
/// (ASVS 6.5.5), and only for a step after the last one accepted for the account (ASVS 6.5.1). The step is recorded
/// by one conditional UPDATE, so of two requests with the same code only one can pass.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(CaravanDbContext db, TimeProvider time) : AuthenticatorTokenProvider<CaravanUser>
{
    /// <summary>RFC 6238's step, the one authenticator apps use and Identity assumes.</summary>
    public const int StepSeconds = 30;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<CaravanUser> manager, CaravanUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        // RFC 6238 as authenticator apps and Identity compute it (SHA-1, 30-second steps, six digits), by Otp.NET; the
        // window is the current step and the one before, and the step the code matched is what is recorded.
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key), StepSeconds, OtpNet.OtpHashMode.Sha1, 6);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, new OtpNet.VerificationWindow(previous: 1, future: 0)))
        {
            return false;
        }

        var id = user.Id;
        var accepted = await db.Users
            .Where(u => u.Id == id && (u.AuthenticatorStep == null || u.AuthenticatorStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorStep, step)) == 1;
        if (accepted)
        {
            user.AuthenticatorStep = step;
        }

        return accepted;
    }
}
