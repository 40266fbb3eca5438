namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>The kinds of personal data and secrets that <see cref="SensitiveDataScanner"/> detects.</summary>
public enum SensitiveDataKind
{
    /// <summary>An e-mail address. Placeholder <c>[EMAIL]</c>.</summary>
    Email,

    /// <summary>A telephone number (international <c>+</c> form or common national layouts). Placeholder <c>[PHONE]</c>.</summary>
    Phone,

    /// <summary>A payment card number that passes the Luhn check and has a known issuer prefix. Placeholder <c>[CREDIT_CARD]</c>.</summary>
    CreditCard,

    /// <summary>An IBAN whose length matches its country and whose mod-97 checksum holds. Placeholder <c>[IBAN]</c>.</summary>
    Iban,

    /// <summary>An IPv4 or IPv6 address. Placeholder <c>[IP]</c>.</summary>
    IpAddress,

    /// <summary>An API key or access token (OpenAI, AWS, GitHub, Azure, Google, Stripe, Slack). Placeholder <c>[API_KEY]</c>.</summary>
    ApiKey,

    /// <summary>A PEM private-key block. Placeholder <c>[PRIVATE_KEY]</c>.</summary>
    PrivateKey,

    /// <summary>A JSON Web Token. Placeholder <c>[JWT]</c>.</summary>
    Jwt,
}
