echo "nvim: TODO"
