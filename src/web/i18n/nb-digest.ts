/** Norsk bokmål: brev som kom i retur, Digital Post og den daglige oversikten (beslutning 0021). */
export const nbDigest = {
  "mail.state.bounced": "kom i retur (adressen avviste det)",
  "mail.state.digital_post": "sendt med Digital Post",
  "mail.state.digital_post_queued": "venter på å bli sendt med Digital Post",
  "notifications.settings.digest": "Send meg en daglig e-post med sakene mine som har frist",
  "notifications.settings.digestHint":
    "Hver morgen, når du har åpne saker med frist innen en uke eller oversittet frist: bare saksnumre og frister.",
};
