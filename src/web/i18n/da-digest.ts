/** Dansk: breve der kom retur, Digital Post og den daglige oversigt (beslutning 0021). */
export const daDigest = {
  "mail.state.bounced": "kom retur (adressen afviste det)",
  "mail.state.digital_post": "sendt med Digital Post",
  "mail.state.digital_post_queued": "venter på at blive sendt med Digital Post",
  "notifications.settings.digest": "Send mig en daglig e-mail med mine sager, der har frist",
  "notifications.settings.digestHint":
    "Hver morgen, når du har åbne sager med en frist inden for en uge eller overskredet: kun deres sagsnumre og frister.",
};
