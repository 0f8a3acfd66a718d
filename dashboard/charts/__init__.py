"""Charts as pure functions returning Altair charts (burn-up, bars, the China map); no
database and no Streamlit. The pages show them and dashboard.exports renders them."""
